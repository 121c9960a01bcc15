using Microsoft.Extensions.Logging;

namespace HaKube.Common.Admin;

public sealed partial class AdminServer
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 201, Level = LogLevel.Debug, Message = "admin socket listening on {Path}")]
        public static partial void Listening(ILogger logger, string path);

        [LoggerMessage(EventId = 202, Level = LogLevel.Warning, Message = "removed stale admin socket {Path} (left by a daemon that did not exit cleanly)")]
        public static partial void StaleSocketRemoved(ILogger logger, string path);

        [LoggerMessage(EventId = 203, Level = LogLevel.Warning, Message = "admin socket accept failed; retrying")]
        public static partial void AcceptFailed(ILogger logger, Exception exception);

        [LoggerMessage(EventId = 204, Level = LogLevel.Debug, Message = "admin connection ended: {Reason}")]
        public static partial void ConnectionEnded(ILogger logger, string reason);

        [LoggerMessage(EventId = 205, Level = LogLevel.Error, Message = "admin command {Command} failed")]
        public static partial void HandlerFailed(ILogger logger, string command, Exception exception);

        [LoggerMessage(EventId = 206, Level = LogLevel.Debug, Message = "admin client subscribed to {Topic}")]
        public static partial void Subscribed(ILogger logger, string topic);

        [LoggerMessage(EventId = 207, Level = LogLevel.Warning, Message = "admin connection from {Peer} refused: only root and uid {OwnUid} may use {Path}")]
        public static partial void PeerRefused(ILogger logger, string peer, string path, uint ownUid);
    }
}
