// CheckMacValue and notification verification: Omg.Payment (the Rust core over P/Invoke) against
// plain managed C# (ManagedCheckMac.cs: an HttpUtility-style encoder + SHA256 from the class
// library), side by side in one run: interleaved rounds, the best round of each. Bounded: a fixed
// number of iterations, a few seconds.
//
//   mono Bench.exe [iterations]     (scripts/test-dotnet.sh builds it; figures in docs/performance.md)
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Net;
using Omg.Payment;
using Omg.Payment.Managed;

public static class Bench
{
    private const string Key = "5294y06JbISpM5x9";
    private const string Iv = "v77hoKGq4kWxNNIS";

    public static int Main(string[] args)
    {
        int n = args.Length > 0 ? int.Parse(args[0]) : 20000;
        var order = new Dictionary<string, string>
        {
            { "ChoosePayment", "ALL" }, { "EncryptType", "1" }, { "ItemName", "Apple iphone 7 手機殼" }, { "MerchantID", "2000132" },
            { "MerchantTradeDate", "2013/03/12 15:30:23" }, { "MerchantTradeNo", "funpoint20130312153023" }, { "PaymentType", "aio" },
            { "ReturnURL", "https://www.funpoint.com.tw/receive.php" }, { "TotalAmount", "1000" }, { "TradeDesc", "促銷方案" },
        };
        if (OmgPayment.CheckMacValue(order, Key, Iv) != ManagedCheckMac.Compute(order, Key, Iv)) return 1;

        using (var client = new OmgClient(new ClientOptions { MerchantId = "2000132", HashKey = Key, HashIv = Iv }))
        {
            string body = client.SignTestNotification("payment_result", new Dictionary<string, string>
            {
                { "MerchantTradeNo", "funpoint20130312153023" }, { "TradeAmt", "1000" }, { "NeedExtraPaidInfo", "Y" },
                { "card4no", "2222" }, { "card6no", "431195" }, { "gwsr", "11944813" }, { "process_date", "2026/12/01 12:00:00" },
                { "auth_code", "777777" }, { "amount", "1000" }, { "eci", "5" }, { "CustomField1", "Tom's order ~ 1" },
            });
            Console.WriteLine("iterations: " + n + " of each, Mono " + (Type.GetType("Mono.Runtime") != null));
            Console.WriteLine("| operation | Omg.Payment (native) | managed C# | speed-up |");
            Console.WriteLine("|---|---|---|---|");
            Row("CheckMacValue, 10 fields", n, () => OmgPayment.CheckMacValue(order, Key, Iv), () => ManagedCheckMac.Compute(order, Key, Iv));
            Row("verify a 27-field notification body", n, () => client.VerifyNotification(body), () => ManagedVerify(body));
        }
        return 0;
    }

    /// <summary>What a merchant writes without the SDK: parse the form, recompute, compare.</summary>
    private static bool ManagedVerify(string body)
    {
        var fields = body.Split('&').Select(p => p.Split(new[] { '=' }, 2))
            .Select(kv => new KeyValuePair<string, string>(WebUtility.UrlDecode(kv[0]), WebUtility.UrlDecode(kv[1]))).ToList();
        string received = fields.First(kv => kv.Key == "CheckMacValue").Value;
        if (ManagedCheckMac.Compute(fields, Key, Iv) != received) throw new InvalidOperationException("forged");
        return true;
    }

    private static double MicrosPerOp(int n, Action op)
    {
        var watch = Stopwatch.StartNew();
        for (int i = 0; i < n; i++) op();
        return watch.Elapsed.TotalMilliseconds * 1000.0 / n;
    }

    /// <summary>Interleaved rounds (so both sides see the same machine load), best round of each.</summary>
    private static void Row(string name, int n, Action native, Action managed)
    {
        const int rounds = 10;
        MicrosPerOp(Math.Min(n / 10, 1000), native);    // JIT and caches
        MicrosPerOp(Math.Min(n / 10, 1000), managed);
        double a = double.MaxValue, b = double.MaxValue;
        for (int r = 0; r < rounds; r++)
        {
            a = Math.Min(a, MicrosPerOp(n / rounds, native));
            b = Math.Min(b, MicrosPerOp(n / rounds, managed));
        }
        Console.WriteLine("| " + name + " | " + a.ToString("F2") + " µs | " + b.ToString("F2") + " µs | " + (b / a).ToString("F1") + "× |");
    }
}
