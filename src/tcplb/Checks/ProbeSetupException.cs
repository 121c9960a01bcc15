namespace HaKube.Tcplb.Checks;

/// <summary>A probe could not be attempted (no port to check, the server's name does not resolve): HAProxy's "Socket error".</summary>
internal sealed class ProbeSetupException(string message, Exception? inner = null) : Exception(message, inner);
