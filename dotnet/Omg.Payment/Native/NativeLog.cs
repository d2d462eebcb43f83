using System;
using System.Runtime.InteropServices;
using System.Text;

namespace Omg.Payment.Native
{
    /// <summary>
    /// The native client's log events (omg-core: requests, retries, unknown outcomes) forwarded to
    /// <see cref="OmgLog"/> through <c>omg_set_log_callback</c>, once per process.
    /// </summary>
    internal static class NativeLog
    {
        [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
        internal delegate void Callback(int level, IntPtr message, UIntPtr messageLen);

        // The library keeps a pointer to this delegate for the life of the process: it must never
        // be collected.
        private static readonly Callback Forward = OnEvent;

        private static readonly object Gate = new object();
        private static bool installed;

        /// <summary>Sets the callback (first call only). If the library refuses it, events are not
        /// forwarded and payment calls work as before.</summary>
        internal static void Install()
        {
            lock (Gate)
            {
                if (installed) return;
                installed = true;
                NativeMethods.omg_set_log_callback(Forward, out IntPtr error);
                Interop.TakeString(error);
            }
        }

        private static unsafe void OnEvent(int level, IntPtr message, UIntPtr messageLen)
        {
            // An exception must not unwind through the native frames that called us.
            try
            {
                OmgLog.Write(Level(level), Encoding.UTF8.GetString((byte*)message, checked((int)messageLen.ToUInt64())));
            }
            catch (Exception)
            {
            }
        }

        /// <summary>OMG_LOG_ERROR (1) … OMG_LOG_TRACE (5).</summary>
        private static OmgLogLevel Level(int level)
        {
            switch (level)
            {
                case 1: return OmgLogLevel.Error;
                case 2: return OmgLogLevel.Warning;
                case 3: return OmgLogLevel.Information;
                case 4: return OmgLogLevel.Debug;
                default: return OmgLogLevel.Trace;
            }
        }
    }
}
