// TraceSource's methods are [Conditional("TRACE")]: without it (mcs defines nothing) the calls
// would be compiled away and nothing logged.
#define TRACE

using System;
using System.Diagnostics;

namespace Omg.Payment
{
    /// <summary>
    /// Where omg-payment logs: refused notifications, failed handlers, retries and unknown
    /// outcomes of the client. By default the <see cref="TraceSource"/> named <c>Omg.Payment</c>
    /// (<see cref="Source"/>) at level Warning, which writes to standard error unless the
    /// application's configuration gives that source listeners of its own. Set
    /// <see cref="Handler"/> to send every event (all levels) to your logger instead, such as
    /// Microsoft.Extensions.Logging (docs/dotnet.md, "Logging"). No event holds HashKey, HashIV or
    /// CreditCheckCode.
    /// </summary>
    public static class OmgLog
    {
        /// <summary>The name of the TraceSource, for <c>&lt;system.diagnostics&gt;&lt;sources&gt;</c> in app.config.</summary>
        public const string SourceName = "Omg.Payment";

        private static volatile Action<OmgLogLevel, string> handler;

        /// <summary>The TraceSource events go to while <see cref="Handler"/> is null: level
        /// Warning unless configured; change <c>Source.Switch.Level</c> or its <c>Listeners</c> as you like.</summary>
        public static TraceSource Source { get; } = CreateSource();

        /// <summary>
        /// Receives every event (each level, the message) instead of <see cref="Source"/>; null (the
        /// default) goes back to the TraceSource. Called on the thread that logged; an exception
        /// it throws is dropped, so a broken logger cannot change a payment call or a reply to
        /// the gateway.
        /// </summary>
        public static Action<OmgLogLevel, string> Handler
        {
            get { return handler; }
            set { handler = value; }
        }

        private static TraceSource CreateSource()
        {
            var source = new TraceSource(SourceName, SourceLevels.Warning);
            // Not configured, the source has only the DefaultTraceListener (a debugger's output):
            // nobody would see a deploy with a wrong HashIV refuse every notification. Standard
            // error then, as Python's logging does for a warning nobody configured.
            if (source.Listeners.Count == 1 && source.Listeners[0] is DefaultTraceListener)
                source.Listeners.Add(new TextWriterTraceListener(Console.Error, "Omg.Payment.stderr"));
            return source;
        }

        /// <summary>One event, to the handler or the TraceSource.</summary>
        internal static void Write(OmgLogLevel level, string message)
        {
            var hook = handler;
            try
            {
                if (hook != null)
                {
                    hook(level, message);
                    return;
                }
                Source.TraceEvent(EventType(level), 0, message);
                Source.Flush();
            }
            catch (Exception)
            {
                // Dropped on purpose: see Handler.
            }
        }

        private static TraceEventType EventType(OmgLogLevel level)
        {
            switch (level)
            {
                case OmgLogLevel.Error: return TraceEventType.Error;
                case OmgLogLevel.Warning: return TraceEventType.Warning;
                case OmgLogLevel.Information: return TraceEventType.Information;
                default: return TraceEventType.Verbose;
            }
        }
    }
}
