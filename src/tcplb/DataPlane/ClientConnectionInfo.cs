using System.Net;

namespace HaKube.Tcplb.DataPlane;

/// <summary>What a scheduler may use to pick a server: the client's address (source hashing) and the frontend it arrived on.</summary>
internal readonly record struct ClientConnectionInfo(IPEndPoint Client, string Frontend);
