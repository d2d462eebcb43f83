using System;

namespace Omg.Payment.Hosting
{
    /// <summary>What to answer one HTTP request carrying a notification, as omg-core decided it.</summary>
    public sealed class Receipt
    {
        internal Receipt(int status, string reply, Notification notification, Exception error,
                         NotificationHandler.Reply handlerFailed, NotificationHandler.Reply? unexpected, string unexpectedMessage)
        {
            Status = status;
            Reply = reply;
            Notification = notification;
            Error = error;
            HandlerFailed = handlerFailed;
            Unexpected = unexpected;
            UnexpectedMessage = unexpectedMessage;
        }

        /// <summary>The HTTP status: 200 for a verified notification; 405 (not a POST), 415 (a
        /// multipart or JSON body), 413 (too big) or 400 (forged, unreadable, another merchant's)
        /// otherwise.</summary>
        public int Status { get; }

        /// <summary><c>1|OK</c> (answer it only once the handler has recorded the event) or <c>0|reason</c>.</summary>
        public string Reply { get; }

        /// <summary>The verified notification, or null when refused.</summary>
        public Notification Notification { get; }

        /// <summary>Why the request was refused (an <see cref="OmgException"/>), or null.</summary>
        public Exception Error { get; }

        /// <summary>What to answer when the handler failed (500, <c>0|the handler failed</c>).</summary>
        internal NotificationHandler.Reply HandlerFailed { get; }

        /// <summary>What to answer when the route does not take the notification's kind (400), or
        /// null when refused.</summary>
        internal NotificationHandler.Reply? Unexpected { get; }

        /// <summary>The error line to log with <see cref="Unexpected"/>: the order, the amount and
        /// how to recover the notification.</summary>
        internal string UnexpectedMessage { get; }
    }
}
