// The first P/Invoke's cost, for `make bench`'s load-time row (scripts/bench_load.py): run as
// `mono Load.exe call` (loads Omg.Payment and libomg_payment_ffi, makes one native call) against
// `mono Load.exe` (the same process doing nothing), each a fresh process.
using System.Runtime.CompilerServices;
using Omg.Payment;

public static class Load
{
    public static int Main(string[] args)
    {
        return args.Length > 0 && args[0] == "call" ? FirstCall() : 0;
    }

    // Not inlined: Main's JIT must not load Omg.Payment when it is not called.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int FirstCall()
    {
        return OmgPayment.Nack("load") == "0|load" ? 0 : 1;
    }
}
