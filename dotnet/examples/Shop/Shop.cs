// A small shop on HttpListener over Omg.Payment: one page per kind of order (card, installments,
// recurring, ATM, CVS, BARCODE, ALL), the notification endpoints, fulfilment exactly once per
// notification, capture and refund. Orders live in a file (OrderStore.cs).
//
//   mono Shop.exe            # OMG_* as for OmgClient.FromEnvironment(); without OMG_ENV/OMG_BASE_URL
//                            # it talks to omg-sim at http://127.0.0.1:8090 with the stage merchant
//   OMG_SHOP_PORT (8000), OMG_SHOP_URL (its public URL, for the callback URLs), OMG_SHOP_STORE (the file)
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Text;
using System.Threading.Tasks;
using Omg.Payment.Hosting;

namespace Omg.Payment.Examples.Shop
{
    public static class Shop
    {
        private static readonly string[] Kinds = { "card", "installments", "recurring", "atm", "cvs", "barcode", "all" };
        private static OmgClient client;
        private static OrderStore store;
        private static string shopUrl;

        public static int Main()
        {
            if (Env("OMG_ENV", null) == null && Env("OMG_BASE_URL", null) == null)
                System.Environment.SetEnvironmentVariable("OMG_BASE_URL", "http://127.0.0.1:8090");
            client = OmgClient.FromEnvironment();
            string port = Env("OMG_SHOP_PORT", "8000");
            shopUrl = Env("OMG_SHOP_URL", "http://127.0.0.1:" + port).TrimEnd('/');
            store = new OrderStore(Env("OMG_SHOP_STORE", "shop-orders.txt"));

            // One route per notification kind, each accepting only its own: a kind sent to the wrong
            // URL is refused and logged at Error with its order and amount (OmgLog: standard error
            // here), never handled as something else — PeriodReturnURL is sent only once.
            var routes = new Dictionary<string, NotificationHandler>
            {
                ["/omg/return"] = new NotificationHandler(client, OnPaymentResult) { Expect = new[] { typeof(PaymentResult) } },     // ReturnURL
                ["/omg/code"] = new NotificationHandler(client, OnPaymentCode) { Expect = new[] { typeof(PaymentCodeIssued) } },     // PaymentInfoURL
                ["/omg/period"] = new NotificationHandler(client, OnPeriodCharge) { Expect = new[] { typeof(PeriodCharge) } },      // PeriodReturnURL
            };

            var listener = new HttpListener();
            listener.Prefixes.Add("http://127.0.0.1:" + port + "/");
            listener.Start();
            Console.WriteLine("shop: " + shopUrl + " (gateway " + client.BaseUrl + ")");
            while (true)
            {
                var context = listener.GetContext();
                Task.Run(() => Serve(context, routes));
            }
        }

        private static string Env(string name, string fallback)
        {
            string value = System.Environment.GetEnvironmentVariable(name);
            return string.IsNullOrEmpty(value) ? fallback : value;
        }

        // --- notifications: each change happens once per dedupe key ------------------------------

        private static void OnPaymentResult(Notification n)
        {
            var result = (PaymentResult)n;   // the route's Expect lets no other kind through
            store.ApplyOnce(n.DedupeKey, n.MerchantTradeNo, order =>
            {
                order.TradeNo = result.TradeNo ?? "";
                order.PaymentType = result.PaymentType ?? "";
                order.Gwsr = result.Gwsr ?? order.Gwsr;
                if (result.TotalSuccessTimes.HasValue) order.TotalSuccessTimes = result.TotalSuccessTimes.Value;
                if (!result.IsPaid) { order.Status = "failed"; return; }
                if (result.IsSimulated) { order.Status = "simulated"; return; }   // never ship for a back-office simulation
                try
                {
                    result.ExpectAmount(order.Amount);
                }
                catch (ValidationException)
                {
                    order.Status = "amount_mismatch";   // for a person to look at; not fulfilled
                    return;
                }
                if (order.Status != "paid")
                {
                    order.Status = "paid";
                    order.Fulfilments++;                // ship here: exactly once per order
                }
            });
        }

        private static void OnPaymentCode(Notification n)
        {
            var code = (PaymentCodeIssued)n;
            store.ApplyOnce(n.DedupeKey, n.MerchantTradeNo, order =>
            {
                order.Status = "code_issued";
                order.TradeNo = code.TradeNo ?? "";
                if (code.VAccount != null) order.PaymentCode = "{\"bank_code\":" + Json(code.BankCode) + ",\"v_account\":" + Json(code.VAccount) + "}";
                else if (code.Barcodes != null) order.PaymentCode = "{\"barcodes\":[" + string.Join(",", code.Barcodes.Select(Json)) + "]}";
                else order.PaymentCode = "{\"payment_no\":" + Json(code.PaymentNo) + "}";
            });
        }

        private static void OnPeriodCharge(Notification n)
        {
            var charge = (PeriodCharge)n;
            store.ApplyOnce(n.DedupeKey, n.MerchantTradeNo, order =>
            {
                if (charge.IsPaid && charge.Amount == order.Amount) order.PeriodCharges++;
                if (charge.TotalSuccessTimes.HasValue) order.TotalSuccessTimes = charge.TotalSuccessTimes.Value;
            });
        }

        // --- pages ---------------------------------------------------------------------------

        private static async Task Serve(HttpListenerContext context, Dictionary<string, NotificationHandler> routes)
        {
            try
            {
                string path = context.Request.Url.AbsolutePath;
                NotificationHandler notifications;
                if (routes.TryGetValue(path, out notifications))
                {
                    await notifications.HandleAsync(context);
                    return;
                }
                var parts = path.Trim('/').Split('/');
                if (path == "/") Answer(context, 200, "text/html", Home());
                else if (path == "/orders" && context.Request.HttpMethod == "POST") Answer(context, 200, "text/html", CreateOrder(Form(context)));
                else if (parts.Length == 2 && parts[0] == "orders") OrderPage(context, parts[1]);
                else if (parts.Length == 3 && parts[0] == "orders" && parts[2] == "status.json") StatusJson(context, parts[1]);
                else if (parts.Length == 3 && parts[0] == "orders" && parts[2] == "barcode.svg") Barcode(context, parts[1]);
                else if (parts.Length == 3 && parts[0] == "orders" && (parts[2] == "capture" || parts[2] == "refund")) await CardAction(context, parts[1], parts[2]);
                else Answer(context, 404, "text/plain", "not found");
            }
            catch (Exception e)
            {
                Console.Error.WriteLine("shop: " + e);
                try { Answer(context, 500, "text/plain", "internal error"); } catch (Exception) { }
            }
        }

        private static string Home()
        {
            var sb = new StringBuilder("<!doctype html><meta charset=utf-8><title>Shop</title><h1>Shop</h1>");
            foreach (var kind in Kinds)
                sb.Append("<form method=post action=/orders><input type=hidden name=kind value=" + kind + "><input name=amount value=1200><button>Buy (" + kind + ")</button></form>");
            return sb.ToString();
        }

        private static Order OrderOf(string kind, string no, long amount)
        {
            string choose = kind == "atm" ? "ATM" : kind == "cvs" ? "CVS" : kind == "barcode" ? "BARCODE" : kind == "all" ? "ALL" : "Credit";
            var order = new Order(no, amount, "Example shop", "T-shirt", shopUrl + "/omg/return", choose);
            order["NeedExtraPaidInfo"] = true;
            switch (kind)
            {
                case "installments": order["CreditInstallment"] = new[] { 3, 6 }; break;
                case "recurring":
                    order["PeriodAmount"] = amount;
                    order["PeriodType"] = "M";
                    order["Frequency"] = 1;
                    order["ExecTimes"] = 12;
                    order["PeriodReturnURL"] = shopUrl + "/omg/period";
                    break;
                case "atm": order["ExpireDate"] = 3; break;
                case "cvs": order["StoreExpireDate"] = 4320; break;   // minutes
                case "barcode": order["StoreExpireDate"] = 7; break;  // days
            }
            if (kind == "atm" || kind == "cvs" || kind == "barcode" || kind == "all") order["PaymentInfoURL"] = shopUrl + "/omg/code";
            return order;
        }

        private static string CreateOrder(Dictionary<string, string> form)
        {
            string kind = form.ContainsKey("kind") && Kinds.Contains(form["kind"]) ? form["kind"] : "card";
            long amount = long.Parse(form.ContainsKey("amount") ? form["amount"] : "1200");
            string no = OmgPayment.GenerateMerchantTradeNo("S");
            var checkout = client.Checkout(OrderOf(kind, no, amount));   // validated and signed first
            store.Add(new ShopOrder { No = no, Kind = kind, Amount = amount });
            return checkout.ToHtml();                                    // the browser posts it to the gateway
        }

        private static void OrderPage(HttpListenerContext context, string no)
        {
            var order = store.Get(no);
            if (order == null) { Answer(context, 404, "text/plain", "no such order"); return; }
            string page = "<!doctype html><meta charset=utf-8><h1>Order " + WebUtility.HtmlEncode(no) + "</h1><p>" + order.Kind + ": " + order.Status + "</p>";
            if (order.Kind == "barcode" && order.Status == "code_issued") page += "<img src=\"/orders/" + no + "/barcode.svg\">";
            Answer(context, 200, "text/html", page);
        }

        private static void StatusJson(HttpListenerContext context, string no)
        {
            var o = store.Get(no);
            if (o == null) { Answer(context, 404, "application/json", "{}"); return; }
            Answer(context, 200, "application/json",
                "{\"status\":" + Json(o.Status) + ",\"kind\":" + Json(o.Kind) + ",\"amount\":" + o.Amount + ",\"fulfilments\":" + o.Fulfilments +
                ",\"trade_no\":" + Json(o.TradeNo) + ",\"payment_type\":" + Json(o.PaymentType) + ",\"gwsr\":" + Json(o.Gwsr) +
                ",\"payment_code\":" + (o.PaymentCode == "" ? "null" : o.PaymentCode) + ",\"period_charges\":" + o.PeriodCharges +
                ",\"total_success_times\":" + o.TotalSuccessTimes + "}");
        }

        private static void Barcode(HttpListenerContext context, string no)
        {
            var o = store.Get(no);
            var segments = o == null ? new string[0] : System.Text.RegularExpressions.Regex.Matches(o.PaymentCode, "\"([0-9A-Z]+)\"").Cast<System.Text.RegularExpressions.Match>().Select(m => m.Groups[1].Value).ToArray();
            if (segments.Length != 3) { Answer(context, 404, "text/plain", "no barcode"); return; }
            Answer(context, 200, "image/svg+xml", OmgPayment.BarcodeSvg(segments));
        }

        private static async Task CardAction(HttpListenerContext context, string no, string action)
        {
            var o = store.Get(no);
            if (o == null || context.Request.HttpMethod != "POST") { Answer(context, 404, "text/plain", "no such order"); return; }
            long amount = long.Parse(Form(context)["amount"]);
            try
            {
                var result = action == "capture" ? await client.CaptureAsync(no, o.TradeNo, amount) : await client.RefundAsync(no, o.TradeNo, amount);
                Answer(context, 200, "text/plain", result.RtnMsg);
            }
            catch (GatewayException e)
            {
                Answer(context, 409, "text/plain", "refused: " + e.RtnMsg);
            }
            catch (TransportException e) when (e.OutcomeUnknown)
            {
                // Never send it again blindly: find out first.
                Answer(context, 503, "text/plain", "unknown outcome: check " + e.ReconcileWith + " before anything else");
            }
        }

        // --- helpers -------------------------------------------------------------------------

        private static Dictionary<string, string> Form(HttpListenerContext context)
        {
            string body;
            using (var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8)) body = reader.ReadToEnd();
            return body.Split(new[] { '&' }, StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split(new[] { '=' }, 2))
                .ToDictionary(kv => WebUtility.UrlDecode(kv[0]), kv => kv.Length > 1 ? WebUtility.UrlDecode(kv[1]) : "");
        }

        private static string Json(string s)
        {
            if (s == null) return "null";
            var sb = new StringBuilder("\"");
            foreach (char c in s)
                sb.Append(c == '"' ? "\\\"" : c == '\\' ? "\\\\" : c < 0x20 ? "\\u" + ((int)c).ToString("x4") : c.ToString());
            return sb.Append('"').ToString();
        }

        private static void Answer(HttpListenerContext context, int status, string type, string text)
        {
            byte[] bytes = Encoding.UTF8.GetBytes(text);
            context.Response.StatusCode = status;
            context.Response.ContentType = type + "; charset=utf-8";
            context.Response.ContentLength64 = bytes.Length;
            context.Response.OutputStream.Write(bytes, 0, bytes.Length);
            context.Response.Close();
        }
    }
}
