namespace HaKube.Common.Tests.Admin;

internal sealed record EchoArgs(string Text, int Times);
