// Sign, verify and query with Omg.Payment, against omg-sim (the offline gateway):
//
//   cargo run -p omg-sim -- --port 8090 &
//   mono OmgConsole.exe http://127.0.0.1:8090
//
// Exits 0 when every step gave what the protocol says. scripts/test-dotnet.sh also compiles it
// against the installed NuGet package and runs it, as a package user would.
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Text;
using Omg.Payment;

public static class OmgConsole
{
    public static int Main(string[] args)
    {
        string gateway = args.Length > 0 ? args[0] : "http://127.0.0.1:8090";

        // 1. CheckMacValue: the funpoint documentation's example (protocol.md §3).
        var documented = new Dictionary<string, string>
        {
            { "ChoosePayment", "ALL" }, { "EncryptType", "1" }, { "ItemName", "Apple iphone 7 手機殼" }, { "MerchantID", "2000132" },
            { "MerchantTradeDate", "2013/03/12 15:30:23" }, { "MerchantTradeNo", "funpoint20130312153023" }, { "PaymentType", "aio" },
            { "ReturnURL", "https://www.funpoint.com.tw/receive.php" }, { "TotalAmount", "1000" }, { "TradeDesc", "促銷方案" },
        };
        string mac = OmgPayment.CheckMacValue(documented, "5294y06JbISpM5x9", "v77hoKGq4kWxNNIS");
        Console.WriteLine("CheckMacValue: " + mac);
        if (mac != "AA5842FDA7E55ACEB7118D6353E9822CA6D6FF09A0D1FC129A879DD5CAF93266") return Fail("wrong CheckMacValue");

        using (var client = OmgClient.Stage(new ClientOptions { BaseUrl = gateway }))
        {
            // 2. A notification, signed the way the gateway signs it, verified and typed.
            string body = client.SignTestNotification("payment_result", new Dictionary<string, string> { { "TradeAmt", "1200" } });
            // "return_url": the URL it arrived at, so its kind is certain (PaymentResult).
            var notification = client.VerifyNotification(body, "return_url");
            Console.WriteLine("notification: " + notification.Kind + ", paid " + notification.IsPaid + ", key " + notification.DedupeKey);
            try
            {
                client.VerifyNotification(body.Replace("TradeAmt=1200", "TradeAmt=1"));
                return Fail("an altered notification was accepted");
            }
            catch (SignatureException)
            {
                Console.WriteLine("altered notification: refused");
            }

            // 3. An order, paid on the simulator, then queried.
            var order = new Order(OmgPayment.GenerateMerchantTradeNo("C"), 1200, "Console example", "T-shirt", "http://127.0.0.1:9/omg/return", "Credit");
            var form = client.Checkout(order);
            Post(form.ActionUrl, string.Join("&", form.Fields.Select(kv => Uri.EscapeDataString(kv.Key) + "=" + Uri.EscapeDataString(kv.Value))), null);
            Post(gateway + "/_sim/pay", "{\"merchant_trade_no\":\"" + order.MerchantTradeNo + "\"}", "application/json");   // omg-sim only
            TradeInfo info = client.QueryTradeAsync(order.MerchantTradeNo).Result;
            Console.WriteLine("QueryTradeInfo: " + info.MerchantTradeNo + " " + info.TradeStatusName + " " + info.TradeAmt);
            if (!info.IsPaid || info.TradeAmt != 1200) return Fail("the order is not paid");
        }
        Console.WriteLine("ok");
        return 0;
    }

    private static int Fail(string why)
    {
        Console.Error.WriteLine("FAILED: " + why);
        return 1;
    }

    private static void Post(string url, string body, string contentType)
    {
        var request = (HttpWebRequest)WebRequest.Create(url);
        request.Method = "POST";
        request.ContentType = contentType ?? "application/x-www-form-urlencoded";
        request.Timeout = 15000;
        byte[] bytes = Encoding.UTF8.GetBytes(body);
        using (var s = request.GetRequestStream()) s.Write(bytes, 0, bytes.Length);
        using (var response = request.GetResponse()) new StreamReader(response.GetResponseStream()).ReadToEnd();
    }
}
