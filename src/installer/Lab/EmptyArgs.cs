namespace HaKube.Installer.Lab;

/// <summary>The (empty) arguments of a control-socket command.</summary>
internal sealed record EmptyArgs;
