using System;

namespace Omg.Payment.Hosting
{
    /// <summary>What to answer one HTTP request carrying a notification, as omg-core decided it.</summary>
    public sealed class Receipt
    {
        internal Receipt(int status, string reply, Notification notification, Exception error)
        {
            Status = status;
            Reply = reply;
            Notification = notification;
            Error = error;
        }

        /// <summary>The HTTP status: 200 for a verified notification; 405 (not a POST), 415 (not a
        /// form body), 413 (too big) or 400 (forged, unreadable, another merchant's) otherwise.</summary>
        public int Status { get; }

        /// <summary><c>1|OK</c> (answer it only once the handler has recorded the event) or <c>0|reason</c>.</summary>
        public string Reply { get; }

        /// <summary>The verified notification, or null when refused.</summary>
        public Notification Notification { get; }

        /// <summary>Why the request was refused (an <see cref="OmgException"/>), or null.</summary>
        public Exception Error { get; }
    }
}
