using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using HaKube.Tcplb.Configuration;

namespace HaKube.Tcplb.Checks;

/// <summary>
/// A server's check TLS settings, loaded once (CA file, client certificate): HAProxy's <c>verify none|required</c>,
/// <c>ca-file</c>, <c>crt</c> and <c>check-sni</c>. As HAProxy, the certificate's name is checked only when an SNI is
/// set; otherwise <c>verify required</c> checks the chain against the CA file alone (apiservers are checked by IP).
/// </summary>
internal sealed class CheckTlsContext : IDisposable
{
    private readonly CheckTlsOptions _options;
    private readonly X509Certificate2Collection _trust = [];
    private readonly X509Certificate2? _clientCertificate;
    private readonly SslStreamCertificateContext? _clientContext;

    private CheckTlsContext(CheckTlsOptions options, X509Certificate2? clientCertificate)
    {
        _options = options;
        _clientCertificate = clientCertificate;
        if (clientCertificate is not null)
        {
            _clientContext = SslStreamCertificateContext.Create(clientCertificate, additionalCertificates: null, offline: true);
        }
    }

    /// <summary>Loads the files the options name.</summary>
    /// <exception cref="InvalidOperationException">A file cannot be read or holds no usable certificate; the message names the server, the file and what to fix.</exception>
    public static CheckTlsContext Load(CheckTlsOptions options, string backend, string server)
    {
        X509Certificate2? client = null;
        if (options.ClientCertificateFile is { } certFile)
        {
            try
            {
                client = X509Certificate2.CreateFromPemFile(certFile, options.ClientKeyFile ?? certFile);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException or ArgumentException)
            {
                throw new InvalidOperationException(
                    $"backend '{backend}' server '{server}': cannot load the check client certificate '{certFile}'" +
                    (options.ClientKeyFile is { } k ? $" with key '{k}'" : "") + $": {e.Message}. Give a readable PEM certificate and its key.", e);
            }
        }

        var context = new CheckTlsContext(options, client);
        if (options.Verify == TlsVerify.Required && options.CaFile is { } caFile)
        {
            try
            {
                context._trust.ImportFromPemFile(caFile);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException)
            {
                context.Dispose();
                throw new InvalidOperationException($"backend '{backend}' server '{server}': cannot read the check ca-file '{caFile}': {e.Message}. Give a readable PEM file of CA certificates.", e);
            }

            if (context._trust.Count == 0)
            {
                context.Dispose();
                throw new InvalidOperationException($"backend '{backend}' server '{server}': the check ca-file '{caFile}' holds no PEM certificate.");
            }
        }

        return context;
    }

    /// <summary>The handshake settings of one probe; certificate refusals are written to <paramref name="attempt"/>.</summary>
    public SslClientAuthenticationOptions ClientOptions(ProbeAttempt attempt)
    {
        var options = new SslClientAuthenticationOptions
        {
            // No SNI unless check-sni is set (.NET sends none for an empty target host), as HAProxy.
            TargetHost = _options.Sni ?? string.Empty,
            ClientCertificateContext = _clientContext,
            CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
            RemoteCertificateValidationCallback = (_, certificate, chain, errors) => Validate(attempt, certificate, chain, errors),
        };
        // SslStream builds the server's chain before it asks Validate. Against a custom root set it never reads the
        // system's trust store; with verify none that set is empty (the chain is built and ignored) and the store, a
        // few megabytes of parsed certificates, is never loaded.
        var policy = new X509ChainPolicy { TrustMode = X509ChainTrustMode.CustomRootTrust, RevocationMode = X509RevocationMode.NoCheck, DisableCertificateDownloads = true };
        if (_options.Verify == TlsVerify.Required)
        {
            policy.CustomTrustStore.AddRange(_trust);
        }

        options.CertificateChainPolicy = policy;

        return options;
    }

    private bool Validate(ProbeAttempt attempt, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (_options.Verify == TlsVerify.None)
        {
            return true;
        }

        if (_options.Sni is null)
        {
            errors &= ~SslPolicyErrors.RemoteCertificateNameMismatch;
        }

        if (errors == SslPolicyErrors.None)
        {
            return true;
        }

        attempt.CertificateError = certificate is null || (errors & SslPolicyErrors.RemoteCertificateNotAvailable) != 0
            ? "no server certificate"
            : (errors & SslPolicyErrors.RemoteCertificateChainErrors) != 0
                ? $"certificate verify failed: {ChainProblem(chain)}"
                : $"certificate name does not match '{_options.Sni}'";
        return false;
    }

    private static string ChainProblem(X509Chain? chain)
    {
        if (chain is null || chain.ChainStatus.Length == 0)
        {
            return "untrusted chain";
        }

        var status = chain.ChainStatus[0];
        return string.IsNullOrWhiteSpace(status.StatusInformation) ? status.Status.ToString() : $"{status.Status} ({status.StatusInformation.Trim()})";
    }

    public void Dispose()
    {
        _clientCertificate?.Dispose();
        foreach (var certificate in _trust)
        {
            certificate.Dispose();
        }
    }
}
