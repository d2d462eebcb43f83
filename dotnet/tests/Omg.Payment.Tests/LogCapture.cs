using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;

namespace Omg.Payment.Tests
{
    /// <summary>
    /// Collects what omg-payment logs while it is alive: through <see cref="OmgLog.Handler"/>
    /// (every level) or, with <c>throughTraceSource</c>, as a listener on the default
    /// TraceSource (what a merchant who configured nothing gets, level Warning). Dispose restores.
    /// </summary>
    internal sealed class LogCapture : IDisposable
    {
        private readonly List<KeyValuePair<OmgLogLevel, string>> events = new List<KeyValuePair<OmgLogLevel, string>>();
        private readonly Action<OmgLogLevel, string> previous;
        private readonly Listener listener;

        internal LogCapture(bool throughTraceSource = false)
        {
            previous = OmgLog.Handler;
            if (throughTraceSource)
            {
                OmgLog.Handler = null;
                listener = new Listener(this);
                OmgLog.Source.Listeners.Add(listener);
            }
            else
            {
                OmgLog.Handler = Add;
            }
        }

        private void Add(OmgLogLevel level, string message)
        {
            lock (events) events.Add(new KeyValuePair<OmgLogLevel, string>(level, message));
        }

        /// <summary>The messages logged at <paramref name="level"/> (any level when null).</summary>
        internal List<string> At(OmgLogLevel? level = null)
        {
            lock (events) return events.Where(e => level == null || e.Key == level).Select(e => e.Value).ToList();
        }

        /// <summary>Everything logged, one event a line, for assertion messages.</summary>
        public override string ToString()
        {
            lock (events) return string.Join("\n", events.Select(e => e.Key + ": " + e.Value));
        }

        public void Dispose()
        {
            if (listener != null) OmgLog.Source.Listeners.Remove(listener);
            OmgLog.Handler = previous;
        }

        /// <summary>A TraceListener that records each event with its level.</summary>
        private sealed class Listener : TraceListener
        {
            private readonly LogCapture capture;

            internal Listener(LogCapture capture)
            {
                this.capture = capture;
            }

            public override void TraceEvent(TraceEventCache cache, string source, TraceEventType type, int id, string message)
            {
                if (Filter != null && !Filter.ShouldTrace(cache, source, type, id, message, null, null, null)) return;
                var level = type == TraceEventType.Error || type == TraceEventType.Critical ? OmgLogLevel.Error
                    : type == TraceEventType.Warning ? OmgLogLevel.Warning
                    : type == TraceEventType.Information ? OmgLogLevel.Information : OmgLogLevel.Debug;
                capture.Add(level, message);
            }

            public override void Write(string message)
            {
            }

            public override void WriteLine(string message)
            {
            }
        }
    }
}
