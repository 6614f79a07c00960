// Writes the STEP files of test_step_import with Open CASCADE itself (STEPCAFControl_Writer),
// so that the tests need no STEP file of unknown origin in the repository.
//
//   takt_step_writer DIR     writes into DIR:
//     box.step        one red box, 1 x 0.5 x 2 m, named "Box"
//     cylinder.step   one blue cylinder, radius 0.25 m, height 1 m, named "Cylinder"
//     line.step       the assembly "Line" (millimetres): a floor and the four stations of
//                     tests/data/small_plant.json (ST10, BUF1, ST20_body, QG30), placed by
//                     locations, with colours on products, on an occurrence and on one face,
//                     and a sub-assembly "Cell" holding the product "Robot" twice (R1, R2)
//     line_m.step     the same assembly written in metres
//     deep.step       a chain of 300 nested assemblies around one box
//     many.step       1,000 occurrences of an assembly of 1,000 cylinders (10^6 cylinders)
#include <BRepPrimAPI_MakeBox.hxx>
#include <BRepPrimAPI_MakeCylinder.hxx>
#include <Interface_Static.hxx>
#include <Message.hxx>
#include <Message_Messenger.hxx>
#include <Message_PrinterOStream.hxx>
#include <Quantity_Color.hxx>
#include <STEPCAFControl_Writer.hxx>
#include <STEPControl_StepModelType.hxx>
#include <TDataStd_Name.hxx>
#include <TDocStd_Document.hxx>
#include <TopExp_Explorer.hxx>
#include <TopoDS.hxx>
#include <XCAFApp_Application.hxx>
#include <XCAFDoc_ColorTool.hxx>
#include <XCAFDoc_DocumentTool.hxx>
#include <XCAFDoc_ShapeTool.hxx>
#include <gp_Ax2.hxx>
#include <gp_Pnt.hxx>
#include <gp_Trsf.hxx>

#include <cstdio>
#include <string>

namespace {

struct Doc {
    Handle(TDocStd_Document) doc;
    Handle(XCAFDoc_ShapeTool) shapes;
    Handle(XCAFDoc_ColorTool) colours;

    Doc()
    {
        XCAFApp_Application::GetApplication()->NewDocument("MDTV-XCAF", doc);
        shapes = XCAFDoc_DocumentTool::ShapeTool(doc->Main());
        colours = XCAFDoc_DocumentTool::ColorTool(doc->Main());
    }

    TDF_Label part(const TopoDS_Shape& shape, const char* name)
    {
        const TDF_Label l = shapes->AddShape(shape, false);
        TDataStd_Name::Set(l, name);
        return l;
    }

    TDF_Label assembly(const char* name)
    {
        const TDF_Label l = shapes->NewShape();
        TDataStd_Name::Set(l, name);
        return l;
    }

    TDF_Label place(const TDF_Label& into, const TDF_Label& what, const char* name, double x,
                    double y, double z)
    {
        gp_Trsf t;
        t.SetTranslation(gp_Vec(x, y, z));
        const TDF_Label c = shapes->AddComponent(into, what, TopLoc_Location(t));
        if (name)
            TDataStd_Name::Set(c, name);
        return c;
    }

    void colour(const TDF_Label& l, double r, double g, double b)
    {
        colours->SetColor(l, Quantity_Color(r, g, b, Quantity_TOC_RGB), XCAFDoc_ColorSurf);
    }

    bool write(const std::string& path, const char* unit = "MM")
    {
        shapes->UpdateAssemblies();
        Interface_Static::SetCVal("write.step.unit", unit);
        STEPCAFControl_Writer w;
        w.SetColorMode(true);
        w.SetNameMode(true);
        if (!w.Transfer(doc, STEPControl_AsIs) || w.Write(path.c_str()) != IFSelect_RetDone) {
            std::fprintf(stderr, "takt_step_writer: cannot write %s\n", path.c_str());
            return false;
        }
        return true;
    }
};

TopoDS_Shape box(double dx, double dy, double dz)
{
    return BRepPrimAPI_MakeBox(gp_Pnt(0, 0, 0), dx, dy, dz).Shape();
}

TopoDS_Shape cylinder(double r, double h)
{
    return BRepPrimAPI_MakeCylinder(gp_Ax2(gp_Pnt(0, 0, 0), gp::DZ()), r, h).Shape();
}

/// tests/data/small_layout.obj as a STEP assembly, lengths in millimetres, Z up: the OBJ's
/// (x, y, z) is (x, -z, y) here.
bool writeLine(const std::string& path, const char* unit)
{
    Doc d;
    const TDF_Label line = d.assembly("Line");
    const TDF_Label floor = d.part(box(20000, 10000, 100), "FloorPlate");
    d.colour(floor, 0.5, 0.5, 0.5);
    d.place(line, floor, "Floor", -10000, -5000, -100);

    const TDF_Label cell = d.part(box(2000, 2000, 2000), "WeldCell");
    d.colour(cell, 1.0, 0.5, 0.0);
    d.place(line, cell, "ST10", -8000, -1000, 0);

    const TDF_Label buffer = d.part(box(2000, 2000, 1000), "BufferRack");
    d.colour(buffer, 0.2, 0.6, 0.2);
    // The occurrence's own style outranks the product's.
    d.colour(d.place(line, buffer, "BUF1", -4000, -1000, 0), 0.9, 0.9, 0.1);

    const TDF_Label trim = d.part(cylinder(1000, 2000), "TrimStation");
    d.colour(trim, 0.1, 0.3, 0.9);
    d.place(line, trim, "ST20_body", 1000, 0, 0);

    const TopoDS_Shape gateShape = box(2000, 2000, 3000);
    const TDF_Label gate = d.part(gateShape, "Gate");
    d.colour(gate, 0.8, 0.1, 0.1);
    // One face (the top, the last of the box's six) styled on its own.
    TopoDS_Shape top;
    for (TopExp_Explorer f(gateShape, TopAbs_FACE); f.More(); f.Next())
        top = f.Current();
    d.colour(d.shapes->AddSubShape(gate, top), 0.0, 1.0, 0.0);
    d.place(line, gate, "QG30", 4000, -1000, 0);

    // A sub-assembly holding one product twice: two nodes, the same tessellated faces.
    const TDF_Label robotCell = d.assembly("Cell");
    const TDF_Label robot = d.part(cylinder(250, 1500), "Robot");
    d.colour(robot, 0.9, 0.4, 0.7);
    d.place(robotCell, robot, "R1", 0, 0, 0);
    d.place(robotCell, robot, "R2", 1000, 0, 0);
    d.place(line, robotCell, "Cell", -8000, 2500, 0);
    return d.write(path, unit);
}

bool writeBox(const std::string& path)
{
    Doc d;
    d.colour(d.part(box(1000, 500, 2000), "Box"), 1.0, 0.0, 0.0);
    return d.write(path);
}

bool writeCylinder(const std::string& path)
{
    Doc d;
    d.colour(d.part(cylinder(250, 1000), "Cylinder"), 0.0, 0.0, 1.0);
    return d.write(path);
}

bool writeDeep(const std::string& path)
{
    Doc d;
    TDF_Label inner = d.part(box(100, 100, 100), "Core");
    for (int level = 0; level < 300; ++level) {
        const TDF_Label outer = d.assembly(("Level" + std::to_string(level)).c_str());
        d.place(outer, inner, nullptr, 10, 0, 0);
        inner = outer;
    }
    return d.write(path);
}

bool writeMany(const std::string& path)
{
    Doc d;
    const TDF_Label pin = d.part(cylinder(10, 100), "Pin");
    const TDF_Label row = d.assembly("Row");
    for (int i = 0; i < 1000; ++i)
        d.place(row, pin, nullptr, i * 30.0, 0, 0);
    const TDF_Label field = d.assembly("Field");
    for (int j = 0; j < 1000; ++j)
        d.place(field, row, nullptr, 0, j * 30.0, 0);
    return d.write(path);
}

} // namespace

int main(int argc, char** argv)
{
    if (argc != 2) {
        std::fprintf(stderr, "usage: takt_step_writer DIR\n");
        return 64;
    }
    Message::DefaultMessenger()->RemovePrinters(STANDARD_TYPE(Message_PrinterOStream));
    const std::string dir = argv[1];
    const bool ok = writeBox(dir + "/box.step") && writeCylinder(dir + "/cylinder.step") &&
                    writeLine(dir + "/line.step", "MM") && writeLine(dir + "/line_m.step", "M") &&
                    writeDeep(dir + "/deep.step") && writeMany(dir + "/many.step");
    return ok ? 0 : 1;
}
