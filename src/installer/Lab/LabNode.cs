using System.Net;

namespace HaKube.Installer.Lab;

/// <summary>One host of the lab topology: its name, role and address.</summary>
internal sealed record LabNode(string Name, LabRole Role, IPAddress Address);
