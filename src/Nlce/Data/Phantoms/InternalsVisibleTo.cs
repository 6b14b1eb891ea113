using System.Runtime.CompilerServices;

// The phantom tests check the raster primitives (coverage, blur, noise, random streams) directly.
[assembly: InternalsVisibleTo("Nlce.Tests")]
