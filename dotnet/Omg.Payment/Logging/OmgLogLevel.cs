namespace Omg.Payment
{
    /// <summary>
    /// The level of an <see cref="OmgLog"/> event. The names and numbers are those of
    /// Microsoft.Extensions.Logging's <c>LogLevel</c>, so <c>(LogLevel)(int)level</c> converts.
    /// </summary>
    public enum OmgLogLevel
    {
        /// <summary>Finer than Debug (not used by omg-payment today).</summary>
        Trace = 0,
        /// <summary>Each request sent to the gateway, each reply received.</summary>
        Debug = 1,
        /// <summary>A query retried; a call that failed for good (the caller gets the exception).</summary>
        Information = 2,
        /// <summary>A notification refused (forged, another merchant's, too big…); a capture, refund or
        /// cancellation whose outcome is unknown.</summary>
        Warning = 3,
        /// <summary>A notification lost unless someone acts: a kind the route does not expect, a
        /// body the application had already read, a handler that failed, a reply the application
        /// wrote itself.</summary>
        Error = 4,
    }
}
