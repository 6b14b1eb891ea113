using System.Runtime.CompilerServices;

// The phantom tests check the raster primitives (coverage, blur, noise, random streams) and the rendered outlines
// behind the annotated masks directly.
[assembly: InternalsVisibleTo("Nlce.Tests")]
