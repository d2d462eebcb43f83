using System;
using System.Collections;
using System.Collections.Generic;

namespace Omg.Payment
{
    /// <summary>
    /// An AioCheckOut order: the six fields every order has as properties, every other option by
    /// its wire name through the indexer (<c>order["CreditInstallment"] = new[] { 3, 6 }</c>,
    /// <c>order["ExpireDate"] = 3</c>, <c>order["NeedExtraPaidInfo"] = true</c>; any casing:
    /// <c>"expire_date"</c> works too). omg-core knows every name, writes each value the way its
    /// field needs (Y/N, 1/0, joined lists) and checks every rule when the order is signed
    /// (docs/orders.md). Values: string, a whole number, bool, or a list of strings and numbers.
    /// </summary>
    public sealed class Order : IEnumerable<KeyValuePair<string, object>>
    {
        private readonly List<KeyValuePair<string, object>> options = new List<KeyValuePair<string, object>>();

        /// <summary>An empty order: set its properties and options.</summary>
        public Order()
        {
        }

        /// <summary>An order with the fields every order needs. <paramref name="itemName"/> is ItemName
        /// as text (<see cref="ItemNameText"/>): "T-shirt#Mug" is two items, as in every other
        /// language; for a list of names set <see cref="ItemName"/> instead.</summary>
        public Order(string merchantTradeNo, long totalAmount, string tradeDesc, string itemName, string returnUrl, string choosePayment)
        {
            MerchantTradeNo = merchantTradeNo;
            TotalAmount = totalAmount;
            TradeDesc = tradeDesc;
            ItemNameText = itemName;
            ReturnUrl = returnUrl;
            ChoosePayment = choosePayment;
        }

        /// <summary>MerchantTradeNo: your order number, unique, up to 20 letters and digits.</summary>
        public string MerchantTradeNo { get; set; }

        /// <summary>TotalAmount in NT$ (a whole number).</summary>
        public long? TotalAmount { get; set; }

        /// <summary>TradeDesc.</summary>
        public string TradeDesc { get; set; }

        // ItemName is given one way: as a list (ItemName) or as text (ItemNameText). Setting one
        // clears the other, so an order never carries two ItemNames.
        private IList<string> itemNames;
        private string itemNameText;

        /// <summary>ItemName as a list of item names, joined with '#' when signed. An item that holds
        /// '#' is refused (rule separator: it would show as two), so is a blank one (rule
        /// empty_item); an empty list is no ItemName (rule required). Null when ItemName is
        /// given as text (<see cref="ItemNameText"/>).</summary>
        public IList<string> ItemName
        {
            get { return itemNames; }
            set
            {
                itemNames = value;
                if (value != null) itemNameText = null;
            }
        }

        /// <summary>ItemName as text, the way the gateway reads it and Python, Node and PHP take a
        /// string: '#' separates items ("T-shirt#Mug" is two), a blank item is refused (rule
        /// empty_item: "A##B", "#A", " "), "" is no ItemName (rule required). Null when ItemName
        /// is given as a list (<see cref="ItemName"/>).</summary>
        public string ItemNameText
        {
            get { return itemNameText; }
            set
            {
                itemNameText = value;
                if (value != null) itemNames = null;
            }
        }

        /// <summary>ReturnURL: where the gateway posts the payment result (fulfil there).</summary>
        public string ReturnUrl { get; set; }

        /// <summary>ChoosePayment: Credit, ATM, CVS, BARCODE, AFTEE or ALL.</summary>
        public string ChoosePayment { get; set; }

        /// <summary>Fields the SDK does not know, sent as given (a known name is refused: use the indexer).</summary>
        public IDictionary<string, string> Extra { get; } = new Dictionary<string, string>();

        /// <summary>Any other option by its name; null removes it.</summary>
        public object this[string name]
        {
            get
            {
                foreach (var kv in options)
                    if (kv.Key == name) return kv.Value;
                return null;
            }
            set
            {
                if (name == null) throw new ArgumentNullException(nameof(name));
                options.RemoveAll(kv => kv.Key == name);
                if (value != null) options.Add(new KeyValuePair<string, object>(name, Convert(name, value)));
            }
        }

        /// <summary>Sets an option (for collection initialisers: <c>{ { "ExpireDate", 3 } }</c>).</summary>
        public void Add(string name, object value)
        {
            this[name] = value;
        }

        /// <summary>The options set through the indexer, in order.</summary>
        public IEnumerator<KeyValuePair<string, object>> GetEnumerator()
        {
            return options.GetEnumerator();
        }

        IEnumerator IEnumerable.GetEnumerator()
        {
            return GetEnumerator();
        }

        /// <summary>A value as omg-core reads it: text, whole number (long), bool or list.</summary>
        private static object Convert(string name, object value)
        {
            if (value is string || value is bool || value is long) return value;
            if (value is int) return (long)(int)value;
            if (value is short) return (long)(short)value;
            var items = value as IEnumerable;
            if (items == null)
                throw new ArgumentException("order option " + name + " must be a string, a whole number, a bool or a list, not " + value.GetType().Name, name);
            var list = new List<object>();
            foreach (var item in items)
            {
                var converted = item == null ? null : Convert(name, item);
                if (!(converted is string) && !(converted is long))
                    throw new ArgumentException("order option " + name + " is a list of strings and whole numbers", name);
                list.Add(converted);
            }
            return list;
        }

        /// <summary>The JSON object the native library reads.</summary>
        internal string ToJson()
        {
            var members = new List<KeyValuePair<string, object>>();
            Put(members, "MerchantTradeNo", MerchantTradeNo);
            Put(members, "TotalAmount", TotalAmount);
            Put(members, "TradeDesc", TradeDesc);
            Put(members, "ItemName", itemNameText ?? (itemNames == null ? null : Convert("ItemName", itemNames)));
            Put(members, "ReturnURL", ReturnUrl);
            Put(members, "ChoosePayment", ChoosePayment);
            members.AddRange(options);
            var extra = new List<object>();
            foreach (var kv in Extra) extra.Add(new List<object> { kv.Key, kv.Value });
            if (extra.Count > 0) Put(members, "extra", extra);
            return Json.JsonWriter.Write(members);
        }

        private static void Put(List<KeyValuePair<string, object>> members, string name, object value)
        {
            if (value != null) members.Add(new KeyValuePair<string, object>(name, value));
        }
    }
}
