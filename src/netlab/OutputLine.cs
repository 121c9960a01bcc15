namespace HaKube.NetLab;

/// <summary>One line a lab process printed.</summary>
public sealed record OutputLine(DateTimeOffset At, bool IsError, string Text);
