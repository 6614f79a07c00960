// Takt's STEP module (libtakt_step.so): Open CASCADE's XCAF reader, loaded by the import helper
// alone (render/step_loader.cpp, render/step_module.h).
#include "render/flat_scene.h"
#include "render/step_module.h"
#include "twin/error.h"

#include <BRepBndLib.hxx>
#include <BRepMesh_IncrementalMesh.hxx>
#include <BRep_Tool.hxx>
#include <Bnd_Box.hxx>
#include <IFSelect_ReturnStatus.hxx>
#include <Message.hxx>
#include <Message_Messenger.hxx>
#include <Message_PrinterOStream.hxx>
#include <NCollection_DataMap.hxx>
#include <OSD.hxx>
#include <Interface_Check.hxx>
#include <Interface_CheckIterator.hxx>
#include <XSControl_WorkSession.hxx>
#include <Poly_Triangulation.hxx>
#include <Quantity_ColorRGBA.hxx>
#include <STEPCAFControl_Reader.hxx>
#include <Standard_Failure.hxx>
#include <Standard_OutOfMemory.hxx>
#include <Standard_Version.hxx>
#include <StdPrs_ToolTriangulatedShape.hxx>
#include <TDF_Label.hxx>
#include <TDF_LabelMapHasher.hxx>
#include <TDF_LabelSequence.hxx>
#include <TDataStd_Name.hxx>
#include <TDocStd_Document.hxx>
#include <TopExp_Explorer.hxx>
#include <TopLoc_Location.hxx>
#include <TopTools_ShapeMapHasher.hxx>
#include <TopoDS.hxx>
#include <TopoDS_Face.hxx>
#include <XCAFApp_Application.hxx>
#include <XCAFDoc_ColorTool.hxx>
#include <XCAFDoc_DocumentTool.hxx>
#include <XCAFDoc_ShapeTool.hxx>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <map>
#include <new>
#include <optional>
#include <type_traits>

namespace takt::render {
namespace {

// Deeper assemblies than this are taken as corrupt (or built to exhaust the stack).
constexpr int kMaxDepth = 256;
// A model wider than this (in metres) is not a plant: its coordinates are garbage, and floats
// could not hold its detail anyway.
constexpr double kMaxExtentM = 1e7;
// Tessellation: the chord may stray from the surface by this fraction of the model's diagonal,
// and a curved face turns by at most this many radians between two triangle edges (so a small
// cylinder in a big layout still gets a dozen sides).
constexpr double kRelativeDeflection = 1e-3;
constexpr double kAngularDeflection = 0.5;
// A small file can place one part a million times: what instancing would make is counted
// before any of it is, and refused past these (ten times the largest layout benchmarked).
constexpr double kMaxNodes = 1e6;
constexpr double kMaxTriangles = 1e8;

using Colour = std::optional<Quantity_ColorRGBA>;

std::string nameOf(const TDF_Label& label)
{
    Handle(TDataStd_Name) name;
    if (!label.FindAttribute(TDataStd_Name::GetID(), name))
        return {};
    // An AsciiString made from an ExtendedString holds it as UTF-8.
    return TCollection_AsciiString(name->Get()).ToCString();
}

/// What flattening a product would make, counted without making it: shared products are
/// counted once and multiplied by their occurrences, so a file that places one part a million
/// times costs its labels, not its instances.
class Census {
public:
    struct Totals {
        double nodes = 0;
        double triangles = 0; ///< Of the faces tessellated so far.
        Bnd_Box box;          ///< In the product's own coordinates.
    };

    const Totals& product(const TDF_Label& label, int depth)
    {
        if (depth > kMaxDepth)
            throw twin::Error("malformed: assembly nested deeper than " +
                              std::to_string(kMaxDepth));
        if (const Totals* known = m_known.Seek(label))
            return *known;
        Totals t;
        t.nodes = 1;
        if (XCAFDoc_ShapeTool::IsAssembly(label)) {
            TDF_LabelSequence components;
            XCAFDoc_ShapeTool::GetComponents(label, components);
            for (const TDF_Label& c : components) {
                TDF_Label referred;
                if (!XCAFDoc_ShapeTool::GetReferredShape(c, referred))
                    continue;
                const Totals& sub = product(referred, depth + 1);
                t.nodes += sub.nodes;
                t.triangles += sub.triangles;
                if (!sub.box.IsVoid())
                    t.box.Add(
                        sub.box.Transformed(XCAFDoc_ShapeTool::GetLocation(c).Transformation()));
            }
        } else {
            const TopoDS_Shape shape = XCAFDoc_ShapeTool::GetShape(label);
            m_parts.push_back(shape);
            BRepBndLib::Add(shape, t.box);
            for (TopExp_Explorer f(shape, TopAbs_FACE); f.More(); f.Next()) {
                TopLoc_Location loc;
                const Handle(Poly_Triangulation) tris =
                    BRep_Tool::Triangulation(TopoDS::Face(f.Current()), loc);
                if (!tris.IsNull())
                    t.triangles += tris->NbTriangles();
            }
        }
        return *m_known.Bound(label, t);
    }

    /// Every part (product that is no assembly) met, once each.
    const std::vector<TopoDS_Shape>& parts() const { return m_parts; }

private:
    NCollection_DataMap<TDF_Label, Totals, TDF_LabelMapHasher> m_known;
    std::vector<TopoDS_Shape> m_parts;
};

std::string thousands(double value)
{
    std::string digits = std::to_string(static_cast<unsigned long long>(value));
    for (int i = int(digits.size()) - 3; i > 0; i -= 3)
        digits.insert(std::size_t(i), ",");
    return digits;
}

/// Walks the XCAF document: one FlatNode per assembly, occurrence and part, the part's faces
/// as world-space triangles grouped by colour.
class Flattener {
public:
    Flattener(Handle(XCAFDoc_ShapeTool) shapes, Handle(XCAFDoc_ColorTool) colours, double scale,
              FlatScene& out)
        : m_shapes(std::move(shapes)), m_colours(std::move(colours)), m_scale(scale), m_out(out)
    {
    }

    /// A product (a free shape or the target of an occurrence) under `parent`, named `name`.
    /// Its colour: the occurrence's style, else its own, else `inherited` from the assembly.
    void product(const TDF_Label& label, const std::string& name, const TopLoc_Location& location,
                 int parent, Colour occurrenceColour, Colour inherited, int depth)
    {
        if (depth > kMaxDepth)
            throw twin::Error("malformed: assembly nested deeper than " +
                              std::to_string(kMaxDepth));
        const int self = int(m_out.nodes.size());
        m_out.nodes.push_back({name, parent});
        const Colour own = occurrenceColour ? occurrenceColour : colourOf(label);
        const Colour colour = own ? own : inherited;
        if (XCAFDoc_ShapeTool::IsAssembly(label)) {
            TDF_LabelSequence components;
            XCAFDoc_ShapeTool::GetComponents(label, components);
            for (const TDF_Label& c : components)
                occurrence(c, location, self, colour, depth + 1);
        } else {
            part(label, location, self, colour);
        }
    }

private:
    void occurrence(const TDF_Label& label, const TopLoc_Location& parentLocation, int parent,
                    Colour inherited, int depth)
    {
        TDF_Label referred;
        if (!XCAFDoc_ShapeTool::GetReferredShape(label, referred))
            return;
        const TopLoc_Location location = parentLocation * XCAFDoc_ShapeTool::GetLocation(label);
        // The occurrence's name is what a plant manifest binds to ("ST10" placed twice is two
        // nodes); a CAD system that leaves it empty names only the product.
        std::string name = nameOf(label);
        if (name.empty())
            name = nameOf(referred);
        // A style on the occurrence outranks its product's.
        product(referred, name, location, parent, colourOf(label), inherited, depth);
    }

    Colour colourOf(const TDF_Label& label) const
    {
        Quantity_ColorRGBA c;
        if (m_colours->GetColor(label, XCAFDoc_ColorSurf, c) ||
            m_colours->GetColor(label, XCAFDoc_ColorGen, c))
            return c;
        return std::nullopt;
    }

    int material(const Colour& colour)
    {
        std::array<float, 4> rgba{0.7f, 0.7f, 0.7f, 1.0f};
        if (colour) {
            Standard_Real r = 0, g = 0, b = 0;
            colour->GetRGB().Values(r, g, b, Quantity_TOC_RGB);
            rgba = {float(r), float(g), float(b), colour->Alpha()};
        }
        const auto [it, added] = m_materials.try_emplace(rgba, int(m_out.materials.size()));
        if (added) {
            char name[32];
            std::snprintf(name, sizeof name, "step #%02x%02x%02x", int(rgba[0] * 255 + 0.5f),
                          int(rgba[1] * 255 + 0.5f), int(rgba[2] * 255 + 0.5f));
            m_out.materials.push_back({colour ? name : "step default", rgba});
        }
        return it->second;
    }

    void part(const TDF_Label& label, const TopLoc_Location& location, int node, Colour colour)
    {
        const TopoDS_Shape shape = XCAFDoc_ShapeTool::GetShape(label);
        if (shape.IsNull())
            return;
        // Styles on sub-shapes (a solid of a compound, one face) outrank the part's.
        NCollection_DataMap<TopoDS_Shape, Quantity_ColorRGBA, TopTools_ShapeMapHasher> faceColours;
        TDF_LabelSequence subs;
        XCAFDoc_ShapeTool::GetSubShapes(label, subs);
        for (const TDF_Label& sub : subs) {
            const Colour c = colourOf(sub);
            if (!c)
                continue;
            for (TopExp_Explorer f(XCAFDoc_ShapeTool::GetShape(sub), TopAbs_FACE); f.More();
                 f.Next())
                faceColours.Bind(f.Current(), *c);
        }
        std::map<int, std::size_t> meshOfMaterial;
        for (TopExp_Explorer f(shape, TopAbs_FACE); f.More(); f.Next()) {
            const TopoDS_Face& face = TopoDS::Face(f.Current());
            const Quantity_ColorRGBA* faceColour = faceColours.Seek(face);
            const int mat = material(faceColour ? Colour(*faceColour) : colour);
            auto [it, added] = meshOfMaterial.try_emplace(mat, m_out.meshes.size());
            if (added) {
                FlatMesh m;
                m.node = node;
                m.material = mat;
                m_out.meshes.push_back(std::move(m));
            }
            addFace(face, location, m_out.meshes[it->second]);
        }
        // A face that could not be tessellated leaves its mesh empty.
        m_out.meshes.erase(std::remove_if(m_out.meshes.begin(), m_out.meshes.end(),
                                          [](const FlatMesh& m) { return m.indices.empty(); }),
                           m_out.meshes.end());
    }

    void addFace(const TopoDS_Face& face, const TopLoc_Location& location, FlatMesh& mesh) const
    {
        TopLoc_Location faceLocation;
        const Handle(Poly_Triangulation) tris = BRep_Tool::Triangulation(face, faceLocation);
        if (tris.IsNull() || tris->NbTriangles() == 0)
            return;
        if (!tris->HasNormals() && tris->HasUVNodes())
            StdPrs_ToolTriangulatedShape::ComputeNormals(face, tris);
        const gp_Trsf trsf = (location * faceLocation).Transformation();
        const bool reversed = face.Orientation() == TopAbs_REVERSED;
        // A mirroring placement turns the winding inside out as well.
        const bool flipWinding = reversed != trsf.IsNegative();
        const std::size_t base = mesh.vertexCount();
        for (Standard_Integer i = 1; i <= tris->NbNodes(); ++i) {
            const gp_Pnt p = tris->Node(i).Transformed(trsf);
            // The file's Z is up; the viewer's Y is: (x, y, z) -> (x, z, -y).
            mesh.positions.insert(
                mesh.positions.end(),
                {float(p.X() * m_scale), float(p.Z() * m_scale), float(-p.Y() * m_scale)});
            gp_Dir n(0, 0, 1);
            if (tris->HasNormals()) {
                const gp_Dir local = tris->Normal(i);
                n = local.Transformed(trsf);
                if (reversed)
                    n.Reverse();
            }
            mesh.normals.insert(mesh.normals.end(), {float(n.X()), float(n.Z()), float(-n.Y())});
        }
        const Standard_Integer nodes = tris->NbNodes();
        const std::size_t firstIndex = mesh.indices.size();
        for (Standard_Integer t = 1; t <= tris->NbTriangles(); ++t) {
            Standard_Integer a = 0, b = 0, c = 0;
            tris->Triangle(t).Get(a, b, c);
            if (a < 1 || b < 1 || c < 1 || a > nodes || b > nodes || c > nodes)
                continue;
            if (flipWinding)
                std::swap(b, c);
            for (const Standard_Integer k : {a, b, c})
                mesh.indices.push_back(std::uint32_t(base + std::size_t(k - 1)));
        }
        // Triangles without normals from the surface get their own flat one.
        if (!tris->HasNormals())
            flatNormals(mesh, firstIndex);
    }

    static void flatNormals(FlatMesh& mesh, std::size_t firstIndex)
    {
        const auto& p = mesh.positions;
        for (std::size_t i = firstIndex; i + 2 < mesh.indices.size(); i += 3) {
            const std::uint32_t v[3] = {mesh.indices[i], mesh.indices[i + 1], mesh.indices[i + 2]};
            const float e1[3] = {p[v[1] * 3] - p[v[0] * 3], p[v[1] * 3 + 1] - p[v[0] * 3 + 1],
                                 p[v[1] * 3 + 2] - p[v[0] * 3 + 2]};
            const float e2[3] = {p[v[2] * 3] - p[v[0] * 3], p[v[2] * 3 + 1] - p[v[0] * 3 + 1],
                                 p[v[2] * 3 + 2] - p[v[0] * 3 + 2]};
            float n[3] = {e1[1] * e2[2] - e1[2] * e2[1], e1[2] * e2[0] - e1[0] * e2[2],
                          e1[0] * e2[1] - e1[1] * e2[0]};
            const float len = std::sqrt(n[0] * n[0] + n[1] * n[1] + n[2] * n[2]);
            if (len <= 0)
                continue;
            for (const std::uint32_t k : v)
                for (int j = 0; j < 3; ++j)
                    mesh.normals[k * 3 + std::uint32_t(j)] = n[j] / len;
        }
    }

    Handle(XCAFDoc_ShapeTool) m_shapes;
    Handle(XCAFDoc_ColorTool) m_colours;
    double m_scale;
    FlatScene& m_out;
    std::map<std::array<float, 4>, int> m_materials;
};

FlatScene readStep(const std::string& path)
{
    // Open CASCADE reports to stdout by default; the helper speaks on stderr and in its reply.
    Message::DefaultMessenger()->RemovePrinters(STANDARD_TYPE(Message_PrinterOStream));
    // Debian builds Open CASCADE with OCC_CONVERT_SIGNALS: with its handlers installed, an
    // access violation inside its translators (a dangling reference in a damaged file) becomes
    // a Standard_Failure that the translator catches for that entity, not a crash.
    OSD::SetSignal(Standard_False);

    const Handle(XCAFApp_Application) app = XCAFApp_Application::GetApplication();
    Handle(TDocStd_Document) doc;
    app->NewDocument("MDTV-XCAF", doc);
    // Closed on every way out: the application holds each open document, and a document's
    // labels and shapes refer to each other, so one never closed is never freed
    // (LeakSanitizer, the asan preset's test_step_import, found every import's meshes leaked).
    struct Closer {
        const Handle(XCAFApp_Application) & app;
        Handle(TDocStd_Document) & doc;
        ~Closer()
        {
            try {
                if (!doc.IsNull() && doc->IsOpened())
                    app->Close(doc);
            } catch (...) { // a destructor says nothing; the helper's answer is already made
            }
        }
    } closer{app, doc};
    STEPCAFControl_Reader reader;
    reader.SetColorMode(true);
    reader.SetNameMode(true);
    reader.SetLayerMode(false);
    reader.SetPropsMode(false);
    reader.SetGDTMode(false);
    reader.SetMatMode(false);
    reader.SetViewMode(false);
    if (reader.ReadFile(path.c_str()) != IFSelect_RetDone)
        throw twin::Error("malformed: Open CASCADE cannot parse this STEP file");
    // A cut or damaged file leaves entities that refer to nothing or to the wrong kind of
    // entity; translated, it would lose parts silently (or crash the translator), so it is
    // refused, naming the first such entity.
    const Interface_CheckIterator checks = reader.ChangeReader().WS()->ModelCheckList();
    int damaged = 0;
    std::string first;
    for (Interface_CheckIterator it = checks; it.More(); it.Next()) {
        if (!it.Value()->HasFailed())
            continue;
        if (damaged++ == 0 && it.Value()->NbFails() > 0)
            first = (it.Number() > 0 ? "#" + std::to_string(it.Number()) + ": " : "") +
                    it.Value()->CFail(1);
    }
    if (damaged > 0)
        throw twin::Error("malformed: " + std::to_string(damaged) + " damaged " +
                          (damaged == 1 ? "entity" : "entities") + " in the STEP file (" + first +
                          ")");
    if (reader.NbRootsForTransfer() <= 0)
        throw twin::Error("malformed: the STEP file holds no product or shape");
    if (!reader.Transfer(doc))
        throw twin::Error("malformed: Open CASCADE could not translate the STEP file's shapes");

    // Shapes come in the document's length unit (millimetres unless it says otherwise).
    Standard_Real unitM = 0.001;
    if (!XCAFDoc_DocumentTool::GetLengthUnit(doc, unitM) || !(unitM > 0))
        unitM = 0.001;

    const Handle(XCAFDoc_ShapeTool) shapes = XCAFDoc_DocumentTool::ShapeTool(doc->Main());
    const Handle(XCAFDoc_ColorTool) colours = XCAFDoc_DocumentTool::ColorTool(doc->Main());
    TDF_LabelSequence free;
    shapes->GetFreeShapes(free);
    if (free.IsEmpty())
        throw twin::Error("malformed: the STEP file holds no geometry");
    // Counted before anything is made (and again once tessellated, for the triangles).
    const auto census = [&free](Census& c) {
        Census::Totals total;
        for (const TDF_Label& label : free) {
            const Census::Totals& t = c.product(label, 1);
            total.nodes += t.nodes;
            total.triangles += t.triangles;
            total.box.Add(t.box);
        }
        if (total.nodes > kMaxNodes)
            throw twin::Error("too large: " + thousands(std::min(total.nodes, 1e18)) +
                              " nodes once its assemblies are expanded (at most " +
                              thousands(kMaxNodes) + ")");
        if (total.triangles > kMaxTriangles)
            throw twin::Error("too large: " + thousands(std::min(total.triangles, 1e18)) +
                              " triangles once its assemblies are expanded (at most " +
                              thousands(kMaxTriangles) + ")");
        return total;
    };
    Census before;
    const Census::Totals total = census(before);
    if (total.box.IsVoid())
        throw twin::Error("malformed: the STEP file holds no geometry");
    const double diagonal = std::sqrt(total.box.SquareExtent());
    if (!std::isfinite(diagonal) || diagonal * unitM > kMaxExtentM)
        throw twin::Error("malformed: the model's coordinates are out of range (wider than " +
                          std::to_string(int(kMaxExtentM / 1000)) + " km)");
    if (diagonal <= 0)
        throw twin::Error("malformed: the STEP file's geometry has no extent");

    // Each part once, however often it is placed: its faces keep their triangulation.
    const double deflection = diagonal * kRelativeDeflection;
    for (const TopoDS_Shape& part : before.parts())
        BRepMesh_IncrementalMesh(part, deflection, false, kAngularDeflection, true);
    Census after;
    census(after);

    FlatScene out;
    Flattener flattener(shapes, colours, unitM, out);
    if (free.Size() == 1) {
        // One top product is the root, as a glTF scene's root node is: its parts are the
        // top-level nodes that stations bind to.
        flattener.product(free.First(), nameOf(free.First()), TopLoc_Location(), -1, std::nullopt,
                          std::nullopt, 0);
    } else {
        out.nodes.push_back({std::filesystem::path(path).stem().string(), -1});
        for (const TDF_Label& label : free)
            flattener.product(label, nameOf(label), TopLoc_Location(), 0, std::nullopt,
                              std::nullopt, 1);
    }
    if (out.meshes.empty())
        throw twin::Error("malformed: no surface of the STEP file could be tessellated");
    if (out.materials.empty())
        out.materials.push_back({"default", {0.7f, 0.7f, 0.7f, 1.0f}});
    out.sourceFormat = "STEP (Open CASCADE " OCC_VERSION_COMPLETE ")";
    return out;
}

} // namespace

} // namespace takt::render

extern "C" __attribute__((visibility("default"))) int
takt_step_read(const char* path, takt::render::FlatScene* out, char* error, std::size_t errorSize)
{
    static_assert(std::is_same_v<decltype(&takt_step_read), TaktStepReadFn>);
    const auto say = [&](const std::string& why) {
        if (errorSize > 0) {
            const std::size_t n = std::min(why.size(), errorSize - 1);
            std::copy_n(why.data(), n, error);
            error[n] = '\0';
        }
        return 2;
    };
    try {
        *out = takt::render::readStep(path);
        return 0;
    } catch (const Standard_OutOfMemory&) {
        return 3;
    } catch (const std::bad_alloc&) {
        return 3;
    } catch (const Standard_Failure& e) {
        // Open CASCADE's own exceptions are not std::exception: said in the same words.
        std::string what = e.GetMessageString() ? e.GetMessageString() : "";
        what.erase(std::remove(what.begin(), what.end(), '\n'), what.end());
        return say("malformed: Open CASCADE failed (" + std::string(e.DynamicType()->Name()) +
                   (what.empty() ? "" : ": " + what) + ")");
    } catch (const std::exception& e) {
        return say(e.what());
    } catch (...) {
        return say("malformed: Open CASCADE failed");
    }
}
