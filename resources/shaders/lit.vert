// Takt's layout lighting (render/lit_material.h): ambient, two Lambert terms and a Blinn-Phong
// highlight, evaluated per vertex. Normals face the camera, so both sides of a CAD face are lit
// alike. lit_material.cpp compiles it as GLSL 1.50 core and as 1.10: it puts the #version line
// and IN/OUT (in/out or attribute/varying) in front, and VERTEX_COLOURS for StationMaterial.
IN vec3 vertexPosition;
IN vec3 vertexNormal;
#ifdef VERTEX_COLOURS
IN float vertexColor;
#endif
OUT vec3 colour;

uniform mat4 modelMatrix;
uniform mat3 modelNormalMatrix;
uniform mat4 modelViewProjection;
uniform vec3 eyePosition;
uniform vec4 ks;
uniform float shininess;
uniform vec3 light0Direction;
uniform vec3 light0Colour;
uniform vec3 light1Direction;
uniform vec3 light1Colour;

vec3 directional(vec3 n, vec3 v, vec3 towardsLight, vec3 colour, vec3 diffuse)
{
    float lambert = max(dot(n, towardsLight), 0.0);
    vec3 h = normalize(towardsLight + v);
    float highlight = lambert > 0.0 ? pow(max(dot(n, h), 0.0), shininess) : 0.0;
    return colour * (diffuse * lambert + ks.rgb * highlight);
}

vec3 shade(vec3 position, vec3 normal, vec3 ambient, vec3 diffuse)
{
    vec3 p = vec3(modelMatrix * vec4(position, 1.0));
    vec3 n = normalize(modelNormalMatrix * normal);
    vec3 v = normalize(eyePosition - p);
    if (dot(n, v) < 0.0)
        n = -n;
    return ambient + directional(n, v, -light0Direction, light0Colour, diffuse)
                   + directional(n, v, -light1Direction, light1Colour, diffuse);
}

#ifdef VERTEX_COLOURS
// StationMaterial: the colour of each vertex, packed as red + 256 green + 65536 blue (see
// render/scene_batches.h), mixed towards the station's tint. The arithmetic is exact for
// integers below 2^24.
uniform vec4 tint;
uniform float diffuseScale;
uniform float ambientScale;
uniform float pointSize;
// The section (SceneView::setSection): what gives a negative distance is clipped away.
uniform vec4 sectionPlane;

vec3 unpackColour(float code)
{
    float blue = floor(code / 65536.0);
    float rest = code - blue * 65536.0;
    float green = floor(rest / 256.0);
    return vec3(rest - green * 256.0, green, blue) / 255.0;
}

void main()
{
    vec3 base = mix(unpackColour(vertexColor), tint.rgb, tint.a);
    // Points and lines have no surface (a zero normal): they show their colour unlit.
    if (dot(vertexNormal, vertexNormal) < 0.25)
        colour = min(base * diffuseScale, vec3(1.0));
    else
        colour = shade(vertexPosition, vertexNormal, base * ambientScale,
                       min(base * diffuseScale, vec3(1.0)));
    gl_Position = modelViewProjection * vec4(vertexPosition, 1.0);
    gl_PointSize = pointSize;
#if __VERSION__ >= 130
    gl_ClipDistance[0] = dot(modelMatrix * vec4(vertexPosition, 1.0), sectionPlane);
#endif
}
#else
// LitMaterial: one colour for the whole draw.
uniform vec4 ka;
uniform vec4 kd;

void main()
{
    colour = shade(vertexPosition, vertexNormal, ka.rgb, kd.rgb);
    gl_Position = modelViewProjection * vec4(vertexPosition, 1.0);
}
#endif
