// The colour lit.vert computed, interpolated. lit_material.cpp puts the #version line, IN and
// FRAG_COLOUR (fragColor or gl_FragColor) in front.
IN vec3 colour;

void main()
{
    FRAG_COLOUR = vec4(colour, 1.0);
}
