using System;
using System.Runtime.InteropServices;

namespace Omg.Payment.Native
{
    /// <summary>
    /// A native client handle (a number in the library's table, not a pointer). The runtime
    /// frees it exactly once, after the last call that uses it has returned, even when
    /// <see cref="OmgClient.Dispose"/> races a call on another thread.
    /// </summary>
    internal sealed class ClientHandle : SafeHandle
    {
        internal ClientHandle(IntPtr handle) : base(IntPtr.Zero, true)
        {
            SetHandle(handle);
        }

        /// <summary>0 is never a handle.</summary>
        public override bool IsInvalid => handle == IntPtr.Zero;

        /// <summary>Frees the native client (OMG_OK, or OMG_ERR_HANDLE if it was gone already).</summary>
        protected override bool ReleaseHandle()
        {
            return NativeMethods.omg_client_free(handle) == NativeMethods.OmgOk;
        }
    }
}
