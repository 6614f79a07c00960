#include "render/assimp_loader.h"

#include "render/file_extension.h"
#include "render/glb_reader.h"
#include "render/isolated_importer.h"
#include "render/ply_check.h"
#include "render/step_loader.h"
#include "render/world_vertices.h"
#include "twin/error.h"
#include "twin/input_file.h"
#include "twin/sanitizers.h"

#include <assimp/Importer.hpp>
#include <assimp/importerdesc.h>
#include <assimp/material.h>
#include <assimp/postprocess.h>
#include <assimp/scene.h>

#include <sys/resource.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <new>
#include <unordered_set>

namespace takt::render {
namespace {

// AddressSanitizer reserves terabytes of address space for its shadow memory at start-up, so an
// RLIMIT_AS below that makes every later allocation fail: the asan build imports without it.
constexpr bool kAddressSanitizer = twin::kAddressSanitizer;

// Deeper hierarchies than this are taken as corrupt (recursive nodes).
constexpr int kMaxDepth = 256;

void flattenNode(const aiScene& in, const aiNode& node, const aiMatrix4x4& parentTransform,
                 int parentIndex, int depth, const std::unordered_set<const aiMesh*>& clouds,
                 FlatScene& out)
{
    if (depth > kMaxDepth)
        throw twin::Error("malformed: node hierarchy deeper than " + std::to_string(kMaxDepth));
    const aiMatrix4x4 world = parentTransform * node.mTransformation;
    const WorldTransform transform(world);

    const int self = static_cast<int>(out.nodes.size());
    out.nodes.push_back({node.mName.C_Str(), parentIndex});

    for (unsigned i = 0; i < node.mNumMeshes; ++i) {
        if (node.mMeshes[i] >= in.mNumMeshes)
            throw twin::Error("malformed: node \"" + std::string(node.mName.C_Str()) +
                              "\" refers to a mesh that does not exist");
        const aiMesh& src = *in.mMeshes[node.mMeshes[i]];
        // aiProcess_SortByPType leaves one kind of primitive per mesh (polygons triangulated).
        Primitive primitive;
        if (src.mPrimitiveTypes & aiPrimitiveType_TRIANGLE)
            primitive = Primitive::Triangles;
        else if (src.mPrimitiveTypes & aiPrimitiveType_LINE)
            primitive = Primitive::Lines;
        else if (src.mPrimitiveTypes & aiPrimitiveType_POINT)
            primitive = Primitive::Points;
        else
            continue;
        if (src.mNumVertices == 0)
            continue;
        const unsigned corners = static_cast<unsigned>(primitive);
        FlatMesh m;
        m.node = self;
        m.material = static_cast<int>(src.mMaterialIndex);
        m.primitive = primitive;
        m.positions.reserve(src.mNumVertices * 3);
        m.normals.reserve(src.mNumVertices * 3);
        // Points and lines have no surface: a zero normal, and the shader draws them unlit.
        const bool surface = primitive == Primitive::Triangles;
        for (unsigned v = 0; v < src.mNumVertices; ++v)
            transform.append(m, src.mVertices[v], src.mNormals ? &src.mNormals[v] : nullptr,
                             surface);
        // Scanned points and drawn lines often carry their colour per vertex.
        if (src.mColors[0] && primitive != Primitive::Triangles) {
            m.colors.reserve(src.mNumVertices * 3);
            for (unsigned v = 0; v < src.mNumVertices; ++v) {
                const aiColor4D& c = src.mColors[0][v];
                m.colors.insert(m.colors.end(), {c.r, c.g, c.b});
            }
        }
        const bool cloud = clouds.count(&src) > 0;
        if (cloud) { // a point cloud: every vertex is a point
            m.indices.resize(src.mNumVertices);
            for (unsigned v = 0; v < src.mNumVertices; ++v)
                m.indices[v] = v;
        }
        m.indices.reserve(src.mNumFaces * corners);
        for (unsigned f = 0; f < src.mNumFaces && !cloud; ++f) {
            const aiFace& face = src.mFaces[f];
            if (face.mNumIndices != corners)
                continue;
            for (unsigned k = 0; k < corners; ++k) {
                if (face.mIndices[k] >= src.mNumVertices)
                    throw twin::Error("malformed: mesh index out of range");
                m.indices.push_back(face.mIndices[k]);
            }
        }
        if (!m.indices.empty())
            out.meshes.push_back(std::move(m));
    }
    for (unsigned c = 0; c < node.mNumChildren; ++c)
        flattenNode(in, *node.mChildren[c], world, self, depth + 1, clouds, out);
}

FlatMaterial readMaterial(const aiMaterial& mat)
{
    FlatMaterial m;
    aiString name;
    if (mat.Get(AI_MATKEY_NAME, name) == AI_SUCCESS)
        m.name = name.C_Str();
    aiColor4D c;
    if (mat.Get(AI_MATKEY_BASE_COLOR, c) == AI_SUCCESS ||
        mat.Get(AI_MATKEY_COLOR_DIFFUSE, c) == AI_SUCCESS)
        m.color = {c.r, c.g, c.b, c.a};
    return m;
}

} // namespace

FlatScene loadWithAssimp(const std::string& path, bool freeAssimpScene)
{
    // The same words as the GUI's loader; a FIFO is refused without being opened.
    if (const auto problem = twin::inputFileProblem(path, kMaxLayoutBytes))
        throw twin::Error(*problem);

    // Assimp's scene holds a heap block per face: freed one by one, 10 M of them cost the helper
    // a good part of a second, just before it exits anyway.
    auto* importerPtr = new Assimp::Importer;
    std::unique_ptr<Assimp::Importer> owner(importerPtr);
    Assimp::Importer& importer = *importerPtr;
    const std::string ext = std::filesystem::path(path).extension().string();
    if (ext.empty() || !importer.IsExtensionSupported(ext))
        throw twin::Error("unsupported format" + (ext.empty() ? "" : " (" + ext + ")"));
    // Assimp's PLY reader never returns on some damaged files (a cut header, a short body).
    if (lowerExtension(path) == ".ply")
        if (const auto problem = plyProblem(path))
            throw twin::Error(*problem);

    // Chosen for speed on large layouts: no tangent space, no smooth normals (flat normals only
    // where the file has none), structure validated so that bad indices are reported instead
    // of crashing later. Points and lines are kept (point clouds, conveyor centre lines): sorted
    // into meshes of their own, never removed, so a file holding only them still opens.
    importer.SetPropertyInteger(AI_CONFIG_PP_SBP_REMOVE, 0);
    const unsigned flags = aiProcess_Triangulate | aiProcess_SortByPType | aiProcess_GenNormals |
                           aiProcess_ValidateDataStructure;
    // Read first, post-process after: a point cloud (a PLY with vertices and no faces) comes
    // as a mesh without faces, which validation refuses. Such a mesh gets one point face to
    // pass, and is drawn as all its vertices (clouds below).
    const aiScene* scene = importer.ReadFile(path, 0);
    std::unordered_set<const aiMesh*> clouds;
    if (scene && scene->mMeshes) {
        for (unsigned i = 0; i < scene->mNumMeshes; ++i) {
            aiMesh* mesh = scene->mMeshes[i];
            if (!mesh || mesh->mNumFaces != 0 || mesh->mNumVertices == 0 || mesh->mFaces)
                continue;
            mesh->mFaces = new aiFace[1];
            mesh->mFaces[0].mNumIndices = 1;
            mesh->mFaces[0].mIndices = new unsigned[1]{0};
            mesh->mNumFaces = 1;
            mesh->mPrimitiveTypes = aiPrimitiveType_POINT;
            clouds.insert(mesh);
        }
    }
    if (scene)
        scene = importer.ApplyPostProcessing(flags);
    if (!scene) {
        const std::string why = importer.GetErrorString();
        // Assimp says this when no importer recognises the content; its text repeats the path.
        // Assimp catches std::bad_alloc (the helper's address-space limit) and says its name.
        if (why.find("bad_alloc") != std::string::npos)
            throw std::bad_alloc();
        if (why.find("No suitable reader") != std::string::npos)
            throw twin::Error("malformed: the content is not a readable " + ext.substr(1) +
                              " file");
        throw twin::Error("malformed: " + why);
    }
    if (!scene->mRootNode || (scene->mFlags & AI_SCENE_FLAGS_INCOMPLETE))
        throw twin::Error("malformed: the file holds no complete scene");

    FlatScene out;
    for (unsigned i = 0; i < scene->mNumMaterials; ++i)
        out.materials.push_back(readMaterial(*scene->mMaterials[i]));
    if (out.materials.empty())
        out.materials.push_back({"default", {0.7f, 0.7f, 0.7f, 1.0f}});
    flattenNode(*scene, *scene->mRootNode, aiMatrix4x4(), -1, 0, clouds, out);
    for (auto& m : out.meshes)
        if (m.material < 0 || static_cast<std::size_t>(m.material) >= out.materials.size())
            m.material = 0;
    if (const auto* info = importer.GetImporterInfo(importer.GetImporterIndex(ext.c_str())))
        out.sourceFormat = info->mName;
    if (!freeAssimpScene && !kAddressSanitizer)
        static_cast<void>(owner.release()); // the process ends without freeing it
    return out;
}

FlatScene loadLayout(const std::string& path)
{
    // STEP goes to Open CASCADE (Debian's Assimp reads no STEP), in this process alone.
    if (isStepPath(path))
        return loadWithOpenCascade(path);
    // Plain glTF binary (large layouts are mostly that) without Assimp, several times faster;
    // TAKT_GLB_READER=assimp reads it with Assimp as before (the benchmarks' reference).
    const char* reader = std::getenv("TAKT_GLB_READER");
    if (isGlbPath(path) && !(reader && std::string(reader) == "assimp")) {
        if (const auto problem = twin::inputFileProblem(path, kMaxLayoutBytes))
            throw twin::Error(*problem);
        if (auto scene = readPlainGlbFile(path))
            return std::move(*scene);
    }
    return loadWithAssimp(path, false);
}

int runImportHelper(const std::vector<std::string>& args)
{
    if (args.size() < 2) {
        std::cerr << "the import helper needs IN OUT [MEMORY_MB]\n";
        return 64;
    }
    if (args.size() >= 3 && !kAddressSanitizer) {
        const rlim_t bytes = static_cast<rlim_t>(std::stoull(args[2])) * 1024 * 1024;
        const rlimit limit{bytes, bytes};
        setrlimit(RLIMIT_AS, &limit);
    }
    try {
        const FlatScene scene = loadLayout(args[0]);
        std::ofstream out(args[1], std::ios::binary | std::ios::trunc);
        if (!out)
            throw twin::Error("cannot write " + args[1]);
        writeFlatScene(out, scene);
        return 0;
    } catch (const std::bad_alloc&) {
        std::cerr << "out of memory\n";
        return 3;
    } catch (const std::exception& e) {
        std::cerr << e.what() << "\n";
        return 2;
    }
}

} // namespace takt::render
