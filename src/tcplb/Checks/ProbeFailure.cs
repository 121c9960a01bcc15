using System.Net.Sockets;

namespace HaKube.Tcplb.Checks;

/// <summary>Turns what ended a probe into HAProxy's status: the layer comes from the phase the probe was in.</summary>
internal static class ProbeFailure
{
    public static ProbeResult Classify(Exception exception, ProbeAttempt attempt)
    {
        switch (exception)
        {
            case ProbeSetupException setup:
                return new ProbeResult(CheckStatus.SocketError, setup.Message);
            case OperationCanceledException:
                return new ProbeResult(attempt.Phase switch
                {
                    ProbePhase.Connect => CheckStatus.Layer4Timeout,
                    ProbePhase.Handshake => CheckStatus.Layer6Timeout,
                    _ => CheckStatus.Layer7Timeout,
                });
            // The HTTP handler wraps what our connect callback threw; the phase says whose it was.
            case HttpRequestException { InnerException: { } inner } when attempt.Phase != ProbePhase.Request:
                return Classify(inner, attempt);
        }

        return attempt.Phase switch
        {
            ProbePhase.Connect => new ProbeResult(CheckStatus.Layer4Connection, exception is SocketException s ? s.Message : Innermost(exception).Message),
            ProbePhase.Handshake => new ProbeResult(CheckStatus.Layer6Response, $"handshake failed: {attempt.CertificateError ?? Innermost(exception).Message}"),
            _ => new ProbeResult(CheckStatus.Layer7Response, Innermost(exception).Message),
        };
    }

    private static Exception Innermost(Exception exception)
    {
        while (exception.InnerException is { } inner)
        {
            exception = inner;
        }

        return exception;
    }
}
