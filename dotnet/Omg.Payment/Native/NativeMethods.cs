using System;
using System.Runtime.InteropServices;

namespace Omg.Payment.Native
{
    /// <summary>
    /// The C ABI of libomg_payment_ffi (bindings/ffi/include/omg_payment.h), declared by hand;
    /// the NUnit suite calls every one of them and tests/generated.rs keeps the header in step
    /// with the Rust source. Strings go in as UTF-8 bytes + length, come out as NUL-terminated
    /// UTF-8 owned by the library (freed by <see cref="omg_string_free"/>); every call returns a
    /// status and writes the error payload (JSON) to its last out-parameter.
    /// </summary>
    internal static class NativeMethods
    {
        /// <summary>libomg_payment_ffi.so (Linux), omg_payment_ffi.dll, libomg_payment_ffi.dylib.</summary>
        internal const string Library = "omg_payment_ffi";

        internal const int OmgOk = 0;
        internal const int MacBufferBytes = 65;

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        internal static extern void omg_string_free(IntPtr s);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int omg_client_new(byte[] settings, UIntPtr settingsLen, out IntPtr client, out IntPtr error);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int omg_client_stage(byte[] settings, UIntPtr settingsLen, out IntPtr client, out IntPtr error);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int omg_client_from_env(out IntPtr client, out IntPtr error);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int omg_client_free(IntPtr client);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int omg_client_describe(ClientHandle client, out IntPtr json, out IntPtr error);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int omg_client_checkout(ClientHandle client, byte[] order, UIntPtr orderLen, out IntPtr json, out IntPtr error);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int omg_client_verify_notification(ClientHandle client, byte[] body, UIntPtr bodyLen, byte[] endpoint, UIntPtr endpointLen, out IntPtr json, out IntPtr error);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int omg_client_verify_notification_fields(ClientHandle client, byte[] fields, UIntPtr fieldsLen, byte[] endpoint, UIntPtr endpointLen, out IntPtr json, out IntPtr error);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int omg_client_receive_notification(ClientHandle client, byte[] method, UIntPtr methodLen, byte[] contentType, UIntPtr contentTypeLen, byte[] body, UIntPtr bodyLen, UIntPtr maxBytes, out IntPtr json, out IntPtr error);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int omg_client_sign_test_notification(ClientHandle client, byte[] kind, UIntPtr kindLen, byte[] fields, UIntPtr fieldsLen, out IntPtr body, out IntPtr error);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int omg_client_query_trade(ClientHandle client, byte[] merchantTradeNo, UIntPtr merchantTradeNoLen, out IntPtr json, out IntPtr error);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int omg_client_query_period(ClientHandle client, byte[] merchantTradeNo, UIntPtr merchantTradeNoLen, out IntPtr json, out IntPtr error);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int omg_client_cancel_period(ClientHandle client, byte[] merchantTradeNo, UIntPtr merchantTradeNoLen, out IntPtr json, out IntPtr error);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int omg_client_do_action(ClientHandle client, byte[] merchantTradeNo, UIntPtr merchantTradeNoLen, byte[] tradeNo, UIntPtr tradeNoLen, byte[] action, UIntPtr actionLen, long amount, out IntPtr json, out IntPtr error);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int omg_client_query_credit_detail(ClientHandle client, byte[] creditRefundId, UIntPtr creditRefundIdLen, long creditAmount, out IntPtr json, out IntPtr error);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int omg_client_check_credentials(ClientHandle client, out IntPtr json, out IntPtr error);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        internal static extern unsafe int omg_check_mac_value(byte* fields, UIntPtr fieldsLen, byte* hashKey, UIntPtr hashKeyLen, byte* hashIv, UIntPtr hashIvLen, int method, byte* outMac, out IntPtr error);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int omg_generate_merchant_trade_no(byte[] prefix, UIntPtr prefixLen, out IntPtr text, out IntPtr error);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int omg_barcode_svg(byte[] segments, UIntPtr segmentsLen, out IntPtr svg, out IntPtr error);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int omg_set_log_callback(NativeLog.Callback callback, out IntPtr error);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int omg_nack(byte[] message, UIntPtr messageLen, out IntPtr text, out IntPtr error);
    }
}
