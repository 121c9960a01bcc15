namespace HaKube.Common.Tests.Admin;

internal sealed record StatusReply(string State, int Priority, string Note);
