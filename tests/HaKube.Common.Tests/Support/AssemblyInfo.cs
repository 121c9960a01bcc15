using System.Runtime.Versioning;

// Daemons and their tests run on Linux only.
[assembly: SupportedOSPlatform("linux")]
