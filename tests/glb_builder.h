#pragma once
// Builds small glTF binary files byte by byte, good and deliberately broken, for import tests,
// and writes test files.

#include <QByteArray>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

#include <cstdint>
#include <cstring>

namespace takt::tests {

/// A GLB container around `json` and `bin`, with correct chunk lengths unless told otherwise.
inline QByteArray glbContainer(const QByteArray& json, const QByteArray& bin,
                               std::int64_t binLengthOverride = -1)
{
    QByteArray j = json;
    while (j.size() % 4)
        j.append(' ');
    QByteArray b = bin;
    while (b.size() % 4)
        b.append('\0');
    auto u32 = [](QByteArray& out, std::uint32_t v) {
        out.append(reinterpret_cast<const char*>(&v), 4);
    };
    QByteArray out("glTF");
    u32(out, 2);
    u32(out, static_cast<std::uint32_t>(12 + 8 + j.size() + 8 + b.size()));
    u32(out, static_cast<std::uint32_t>(j.size()));
    out.append("JSON");
    out.append(j);
    u32(out, static_cast<std::uint32_t>(binLengthOverride >= 0 ? binLengthOverride : b.size()));
    out.append("BIN", 3);
    out.append('\0');
    out.append(b);
    return out;
}

/// Parts of a one-triangle glTF scene that tests edit before wrapping.
struct GltfParts {
    QJsonObject json;
    QByteArray bin;
};

/// One named node with one triangle: positions (3 × vec3 float) then indices (3 × uint16).
inline GltfParts triangleScene(const QString& nodeName = QStringLiteral("ST10"))
{
    GltfParts p;
    const float pos[9] = {0, 0, 0, 1, 0, 0, 0, 1, 0};
    const std::uint16_t idx[4] = {0, 1, 2, 0}; // padded to 4-byte alignment
    p.bin.append(reinterpret_cast<const char*>(pos), sizeof pos);
    p.bin.append(reinterpret_cast<const char*>(idx), sizeof idx);
    const QJsonObject primitive{{"attributes", QJsonObject{{"POSITION", 0}}}, {"indices", 1}};
    const QJsonObject mesh{{"primitives", QJsonArray{primitive}}};
    const QJsonObject positions{
        {"bufferView", 0}, {"componentType", 5126},      {"count", 3},
        {"type", "VEC3"},  {"min", QJsonArray{0, 0, 0}}, {"max", QJsonArray{1, 1, 0}}};
    const QJsonObject indices{
        {"bufferView", 1}, {"componentType", 5123}, {"count", 3}, {"type", "SCALAR"}};
    p.json = QJsonObject{
        {"asset", QJsonObject{{"version", "2.0"}}},
        {"scene", 0},
        {"scenes", QJsonArray{QJsonObject{{"nodes", QJsonArray{0}}}}},
        {"nodes", QJsonArray{QJsonObject{{"name", nodeName}, {"mesh", 0}}}},
        {"meshes", QJsonArray{mesh}},
        {"buffers", QJsonArray{QJsonObject{{"byteLength", 44}}}},
        {"bufferViews",
         QJsonArray{QJsonObject{{"buffer", 0}, {"byteOffset", 0}, {"byteLength", 36}},
                    QJsonObject{{"buffer", 0}, {"byteOffset", 36}, {"byteLength", 6}}}},
        {"accessors", QJsonArray{positions, indices}},
    };
    return p;
}

/// `obj` with `obj[arrayKey][index][key] = value` (a glTF document edited in one place).
inline QJsonObject edited(QJsonObject obj, const QString& arrayKey, int index, const QString& key,
                          const QJsonValue& value)
{
    QJsonArray array = obj[arrayKey].toArray();
    QJsonObject item = array[index].toObject();
    item[key] = value;
    array[index] = item;
    obj[arrayKey] = array;
    return obj;
}

/// Writes `bytes` to `name` in `dir` and gives its path; stops the test when it cannot.
inline QString writeFile(const QTemporaryDir& dir, const QString& name, const QByteArray& bytes)
{
    const QString path = dir.filePath(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        qFatal("cannot write %s", qPrintable(path));
    f.write(bytes);
    return path;
}

inline QByteArray toGlb(const GltfParts& p, std::int64_t binLengthOverride = -1)
{
    return glbContainer(QJsonDocument(p.json).toJson(QJsonDocument::Compact), p.bin,
                        binLengthOverride);
}

} // namespace takt::tests
