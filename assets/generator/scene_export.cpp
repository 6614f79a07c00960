#include "scene_export.h"

#include <assimp/Exporter.hpp>
#include <assimp/Importer.hpp>
#include <assimp/material.h>
#include <assimp/postprocess.h>
#include <assimp/scene.h>

#include <memory>
#include <stdexcept>

namespace takt::assets {
namespace {

aiMaterial* makeMaterial(Material m)
{
    const MaterialLook& l = look(m);
    auto* mat = new aiMaterial();
    const aiString name{std::string(l.name)};
    mat->AddProperty(&name, AI_MATKEY_NAME);
    const aiColor4D colour{l.r, l.g, l.b, 1.0f};
    const aiColor3D diffuse{l.r, l.g, l.b};
    mat->AddProperty(&diffuse, 1, AI_MATKEY_COLOR_DIFFUSE);
    mat->AddProperty(&colour, 1, AI_MATKEY_BASE_COLOR);
    float metallic = l.metallic, roughness = l.roughness;
    mat->AddProperty(&metallic, 1, AI_MATKEY_METALLIC_FACTOR);
    mat->AddProperty(&roughness, 1, AI_MATKEY_ROUGHNESS_FACTOR);
    if (l.emissive > 0.0f) {
        const aiColor3D emissive{l.r * l.emissive, l.g * l.emissive, l.b * l.emissive};
        mat->AddProperty(&emissive, 1, AI_MATKEY_COLOR_EMISSIVE);
    }
    return mat;
}

aiMesh* makeMesh(const std::string& name, Material m, const MeshData& data)
{
    auto* mesh = new aiMesh();
    mesh->mName = aiString(name);
    mesh->mPrimitiveTypes = aiPrimitiveType_TRIANGLE;
    mesh->mMaterialIndex = static_cast<unsigned int>(m);
    mesh->mNumVertices = static_cast<unsigned int>(data.positions.size());
    mesh->mVertices = new aiVector3D[mesh->mNumVertices];
    mesh->mNormals = new aiVector3D[mesh->mNumVertices];
    for (unsigned int i = 0; i < mesh->mNumVertices; ++i) {
        const Vec3& p = data.positions[i];
        const Vec3& n = data.normals[i];
        mesh->mVertices[i] = aiVector3D(static_cast<ai_real>(p.x), static_cast<ai_real>(p.y),
                                        static_cast<ai_real>(p.z));
        mesh->mNormals[i] = aiVector3D(static_cast<ai_real>(n.x), static_cast<ai_real>(n.y),
                                       static_cast<ai_real>(n.z));
    }
    mesh->mNumFaces = static_cast<unsigned int>(data.triangleCount());
    mesh->mFaces = new aiFace[mesh->mNumFaces];
    for (unsigned int f = 0; f < mesh->mNumFaces; ++f) {
        aiFace& face = mesh->mFaces[f];
        face.mNumIndices = 3;
        face.mIndices = new unsigned int[3];
        for (unsigned int k = 0; k < 3; ++k)
            face.mIndices[k] = data.indices[3 * f + k];
    }
    return mesh;
}

void countNode(const aiNode* node, LayoutStats& stats)
{
    ++stats.nodes;
    for (unsigned int i = 0; i < node->mNumChildren; ++i)
        countNode(node->mChildren[i], stats);
}

} // namespace

LayoutStats writeLayoutGlb(const std::vector<LayoutNode>& nodes, const std::filesystem::path& file)
{
    LayoutStats stats;
    std::vector<aiMesh*> meshes;
    auto scene = std::make_unique<aiScene>();
    scene->mRootNode = new aiNode("TaktLayout");
    scene->mRootNode->mNumChildren = static_cast<unsigned int>(nodes.size());
    scene->mRootNode->mChildren = new aiNode*[nodes.size()];
    for (std::size_t n = 0; n < nodes.size(); ++n) {
        auto* child = new aiNode(nodes[n].name);
        child->mParent = scene->mRootNode;
        scene->mRootNode->mChildren[n] = child;
        std::vector<unsigned int> indices;
        for (const auto& [material, data] : nodes[n].parts.meshes()) {
            if (data.empty())
                continue;
            indices.push_back(static_cast<unsigned int>(meshes.size()));
            meshes.push_back(
                makeMesh(nodes[n].name + "_" + std::string(look(material).name), material, data));
            stats.triangles += data.triangleCount();
            stats.vertices += data.positions.size();
        }
        child->mNumMeshes = static_cast<unsigned int>(indices.size());
        if (!indices.empty()) {
            child->mMeshes = new unsigned int[indices.size()];
            std::copy(indices.begin(), indices.end(), child->mMeshes);
        }
    }
    scene->mNumMeshes = static_cast<unsigned int>(meshes.size());
    scene->mMeshes = new aiMesh*[meshes.size()];
    std::copy(meshes.begin(), meshes.end(), scene->mMeshes);
    scene->mNumMaterials = static_cast<unsigned int>(kMaterialCount);
    scene->mMaterials = new aiMaterial*[kMaterialCount];
    for (int m = 0; m < kMaterialCount; ++m)
        scene->mMaterials[m] = makeMaterial(static_cast<Material>(m));
    stats.meshes = meshes.size();
    countNode(scene->mRootNode, stats);

    Assimp::Exporter exporter;
    if (exporter.Export(scene.get(), "glb2", file.string()) != aiReturn_SUCCESS)
        throw std::runtime_error(file.string() +
                                 ": glTF export failed: " + exporter.GetErrorString());
    stats.bytes = std::filesystem::file_size(file);
    return stats;
}

LayoutStats verifyLayoutGlb(const std::filesystem::path& file,
                            const std::vector<std::string>& requiredNodes)
{
    Assimp::Importer importer;
    const aiScene* scene = importer.ReadFile(file.string(), aiProcess_ValidateDataStructure);
    if (!scene || !scene->mRootNode)
        throw std::runtime_error(file.string() +
                                 ": re-import failed: " + importer.GetErrorString());
    for (const auto& name : requiredNodes)
        if (!scene->mRootNode->FindNode(name.c_str()))
            throw std::runtime_error(file.string() + ": node \"" + name +
                                     "\" missing after re-import");
    LayoutStats stats;
    stats.meshes = scene->mNumMeshes;
    for (unsigned int i = 0; i < scene->mNumMeshes; ++i) {
        stats.triangles += scene->mMeshes[i]->mNumFaces;
        stats.vertices += scene->mMeshes[i]->mNumVertices;
    }
    countNode(scene->mRootNode, stats);
    stats.bytes = std::filesystem::file_size(file);
    return stats;
}

} // namespace takt::assets
