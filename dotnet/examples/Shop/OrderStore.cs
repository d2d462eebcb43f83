using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;

namespace Omg.Payment.Examples.Shop
{
    /// <summary>One order of the shop.</summary>
    public sealed class ShopOrder
    {
        public string No;
        public string Kind;
        public long Amount;
        /// <summary>created, code_issued, paid, failed, simulated, amount_mismatch.</summary>
        public string Status = "created";
        public int Fulfilments;
        public string TradeNo = "";
        public string PaymentType = "";
        public string Gwsr = "";
        /// <summary>The payment code as JSON ({"v_account":...} / {"payment_no":...} / {"barcodes":[...]}).</summary>
        public string PaymentCode = "";
        public int PeriodCharges;
        public long TotalSuccessTimes;
    }

    /// <summary>
    /// The shop's orders in one text file, rewritten whole (write a temporary file, then rename:
    /// a crash leaves the old or the new state, never half of one). Every change happens under one
    /// lock together with the record of the notification that caused it, so a notification that
    /// arrives twice (the gateway re-sends until it reads 1|OK) is acted on once: the dedupe key
    /// is the unique key.
    /// </summary>
    public sealed class OrderStore
    {
        private readonly string path;
        private readonly object gate = new object();
        private readonly Dictionary<string, ShopOrder> orders = new Dictionary<string, ShopOrder>();
        private readonly HashSet<string> seen = new HashSet<string>();

        public OrderStore(string path)
        {
            this.path = path;
            if (File.Exists(path)) Load();
        }

        public void Add(ShopOrder order)
        {
            lock (gate)
            {
                orders.Add(order.No, order);
                Save();
            }
        }

        /// <summary>A copy of the order, or null.</summary>
        public ShopOrder Get(string no)
        {
            lock (gate)
            {
                ShopOrder o;
                return orders.TryGetValue(no, out o) ? o.MemberwiseCloneOrder() : null;
            }
        }

        /// <summary>
        /// Applies <paramref name="change"/> to order <paramref name="no"/> once per
        /// <paramref name="dedupeKey"/>: false (and nothing done) when that notification was
        /// recorded before or the order is unknown.
        /// </summary>
        public bool ApplyOnce(string dedupeKey, string no, Action<ShopOrder> change)
        {
            lock (gate)
            {
                ShopOrder order;
                if (seen.Contains(dedupeKey) || no == null || !orders.TryGetValue(no, out order)) return false;
                change(order);
                seen.Add(dedupeKey);
                Save();
                return true;
            }
        }

        /// <summary>Changes an order outside notifications (capture, refund records).</summary>
        public void Update(string no, Action<ShopOrder> change)
        {
            lock (gate)
            {
                change(orders[no]);
                Save();
            }
        }

        private static string Escape(string s) => s.Replace("\\", "\\\\").Replace("\t", "\\t").Replace("\n", "\\n");

        private static string Unescape(string s)
        {
            var sb = new StringBuilder();
            for (int i = 0; i < s.Length; i++)
            {
                if (s[i] == '\\' && i + 1 < s.Length)
                {
                    char c = s[++i];
                    sb.Append(c == 't' ? '\t' : c == 'n' ? '\n' : c);
                }
                else sb.Append(s[i]);
            }
            return sb.ToString();
        }

        private void Save()
        {
            var sb = new StringBuilder();
            foreach (var o in orders.Values)
                sb.Append("order\t").Append(string.Join("\t", new[] { o.No, o.Kind, o.Amount.ToString(), o.Status, o.Fulfilments.ToString(), o.TradeNo, o.PaymentType, o.Gwsr, o.PaymentCode, o.PeriodCharges.ToString(), o.TotalSuccessTimes.ToString() }.Select(Escape))).Append('\n');
            foreach (var key in seen) sb.Append("seen\t").Append(Escape(key)).Append('\n');
            string temporary = path + ".tmp";
            File.WriteAllText(temporary, sb.ToString());
            if (File.Exists(path)) File.Replace(temporary, path, null);
            else File.Move(temporary, path);
        }

        private void Load()
        {
            foreach (var line in File.ReadAllLines(path))
            {
                var f = line.Split('\t').Select(Unescape).ToArray();
                if (f[0] == "seen") seen.Add(f[1]);
                else if (f[0] == "order")
                    orders[f[1]] = new ShopOrder
                    {
                        No = f[1], Kind = f[2], Amount = long.Parse(f[3]), Status = f[4], Fulfilments = int.Parse(f[5]), TradeNo = f[6],
                        PaymentType = f[7], Gwsr = f[8], PaymentCode = f[9], PeriodCharges = int.Parse(f[10]), TotalSuccessTimes = long.Parse(f[11]),
                    };
            }
        }
    }

    internal static class ShopOrderCopy
    {
        internal static ShopOrder MemberwiseCloneOrder(this ShopOrder o)
        {
            return new ShopOrder
            {
                No = o.No, Kind = o.Kind, Amount = o.Amount, Status = o.Status, Fulfilments = o.Fulfilments, TradeNo = o.TradeNo,
                PaymentType = o.PaymentType, Gwsr = o.Gwsr, PaymentCode = o.PaymentCode, PeriodCharges = o.PeriodCharges, TotalSuccessTimes = o.TotalSuccessTimes,
            };
        }
    }
}
