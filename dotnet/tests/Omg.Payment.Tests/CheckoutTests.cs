using System;
using System.Collections.Generic;
using System.Linq;
using NUnit.Framework;
using Omg.Payment.Managed;

namespace Omg.Payment.Tests
{
    /// <summary>Orders of every kind, as a shop writes them.</summary>
    internal static class Orders
    {
        internal static Order Card(string no = "C20240101000001", long amount = 1200)
        {
            return new Order(no, amount, "Online shop", "T-shirt", "https://shop.example/omg/return", "Credit");
        }

        /// <summary>Every kind of order the docs list, by name.</summary>
        internal static IEnumerable<KeyValuePair<string, Order>> EveryKind()
        {
            yield return Kind("card", Card("K1"));
            var installments = Card("K2");
            installments["CreditInstallment"] = new[] { 3, 6, 12 };
            yield return Kind("installments", installments);
            var recurring = Card("K3", 499);
            recurring["PeriodAmount"] = 499;
            recurring["PeriodType"] = "M";
            recurring["Frequency"] = 1;
            recurring["ExecTimes"] = 12;
            recurring["PeriodReturnURL"] = "https://shop.example/omg/period";
            yield return Kind("recurring", recurring);
            var atm = new Order("K4", 800, "Online shop", "Mug", "https://shop.example/omg/return", "ATM") { { "ExpireDate", 3 }, { "PaymentInfoURL", "https://shop.example/omg/code" } };
            yield return Kind("atm", atm);
            var cvs = new Order("K5", 800, "Online shop", "Mug", "https://shop.example/omg/return", "CVS") { { "StoreExpireDate", 4320 }, { "Desc_1", "Thank you" } };
            yield return Kind("cvs", cvs);
            var barcode = new Order("K6", 800, "Online shop", "Mug", "https://shop.example/omg/return", "BARCODE") { { "StoreExpireDate", 7 } };
            yield return Kind("barcode", barcode);
            var all = new Order("K7", 800, "Online shop", "Mug", "https://shop.example/omg/return", "ALL") { { "IgnorePayment", new[] { "ATM", "CVS" } } };
            yield return Kind("all", all);
        }

        private static KeyValuePair<string, Order> Kind(string name, Order order)
        {
            return new KeyValuePair<string, Order>(name, order);
        }
    }

    [TestFixture]
    public class CheckoutTests
    {
        /// <summary>Issue 21 item 3: a recurring order whose PeriodReturnURL is the ReturnURL route is
        /// signed with a warning (rule shared_route), which is logged; on OrderResultURL it is refused.</summary>
        [Test]
        public void APeriodReturnUrlOnTheReturnRouteIsAWarningThatIsLogged()
        {
            using (var client = OmgClient.Stage())
            using (var log = new LogCapture())
            {
                var recurring = Orders.Card("K8", 499);
                recurring["PeriodAmount"] = 499;
                recurring["PeriodType"] = "M";
                recurring["Frequency"] = 1;
                recurring["ExecTimes"] = 12;
                recurring["PeriodReturnURL"] = recurring.ReturnUrl;
                var form = client.Checkout(recurring);
                var warning = form.Warnings.Single();
                Assert.AreEqual("shared_route", warning.Rule);
                Assert.AreEqual("PeriodReturnURL", warning.Field);
                var logged = log.At(OmgLogLevel.Warning).Single();
                StringAssert.Contains("K8", logged);
                StringAssert.Contains("shared_route", logged);
                recurring["PeriodReturnURL"] = "https://shop.example/omg/period";
                recurring["OrderResultURL"] = "https://shop.example/omg/period";
                var e = Assert.Throws<ValidationException>(() => client.Checkout(recurring));
                Assert.IsTrue(e.Errors.Any(f => f.Field == "PeriodReturnURL" && f.Rule == "conflict"), e.Message);
            }
        }

        [Test]
        public void EveryKindOfOrderIsSignedAsTheProtocolSays()
        {
            using (var client = OmgClient.Stage())
            {
                foreach (var kind in Orders.EveryKind())
                {
                    var form = client.Checkout(kind.Value);
                    Assert.AreEqual("https://payment-stage.funpoint.com.tw/Cashier/AioCheckOut/V5", form.ActionUrl, kind.Key);
                    Assert.AreEqual("1000031", form.Fields["MerchantID"]);
                    Assert.AreEqual("aio", form.Fields["PaymentType"]);
                    Assert.AreEqual("1", form.Fields["EncryptType"]);
                    Assert.IsNotNull(form.Fields["MerchantTradeDate"]);
                    Assert.AreEqual("CheckMacValue", form.Fields.Last().Key, kind.Key);
                    // An independent implementation (plain C#) agrees with the signature.
                    Assert.AreEqual(ManagedCheckMac.Compute(form.Fields, Repo.StageKey, Repo.StageIv), form.Fields["CheckMacValue"], kind.Key);
                }
            }
        }

        [Test]
        public void OptionsAreWrittenTheWayTheirFieldNeeds()
        {
            using (var client = OmgClient.Stage())
            {
                var order = Orders.Card();
                order.ItemName = new[] { "T-shirt", "Mug" };
                order["credit_installment"] = new[] { 3, 6 };
                order["NeedExtraPaidInfo"] = true;
                order.Extra["MyField"] = "kept";
                var fields = client.Checkout(order).Fields;
                Assert.AreEqual("T-shirt#Mug", fields["ItemName"]);
                Assert.AreEqual("3,6", fields["CreditInstallment"]);
                Assert.AreEqual("Y", fields["NeedExtraPaidInfo"]);
                Assert.AreEqual("kept", fields["MyField"]);
            }
        }

        /// <summary>Issue 24: the constructor's itemName is ItemName as text, as a string is in
        /// Python, Node and PHP ("T-shirt#Mug" is two items; it used to be wrapped in a one-item
        /// list and refused, rule separator), and "" is no ItemName (required, not empty_item).
        /// The list form still refuses an item holding '#'.</summary>
        [Test]
        public void ItemNameIsTextOrAListAsInEveryLanguage()
        {
            using (var client = OmgClient.Stage())
            {
                var order = new Order("C20240101000002", 1200, "Online shop", "T-shirt#Mug", "https://shop.example/omg/return", "Credit");
                Assert.AreEqual("T-shirt#Mug", order.ItemNameText);
                Assert.AreEqual("T-shirt#Mug", client.Checkout(order).Fields["ItemName"]);

                order.ItemName = new[] { "T-shirt", "Mug#Cup" };
                Assert.IsNull(order.ItemNameText, "one ItemName at a time");
                var e = Assert.Throws<ValidationException>(() => client.Checkout(order));
                Assert.AreEqual("ItemName:separator", e.Errors[0].Field + ":" + e.Errors[0].Rule);

                order.ItemNameText = "";
                Assert.IsNull(order.ItemName, "one ItemName at a time");
                e = Assert.Throws<ValidationException>(() => client.Checkout(order));
                Assert.AreEqual("ItemName:required", e.Errors[0].Field + ":" + e.Errors[0].Rule);
            }
        }

        [Test]
        public void TheHtmlPostsEveryFieldEscaped()
        {
            using (var client = OmgClient.Stage())
            {
                var order = Orders.Card();
                // Not a tag (omg-core refuses those): a lone < and > still need escaping.
                order.TradeDesc = "Tom's a < b > c & \"more\"";
                var form = client.Checkout(order);
                string html = form.ToHtml();
                StringAssert.Contains("action=\"https://payment-stage.funpoint.com.tw/Cashier/AioCheckOut/V5\"", html);
                StringAssert.Contains("Tom&#39;s a &lt; b &gt; c &amp; &quot;more&quot;", html);
                StringAssert.DoesNotContain("a < b", html);
                StringAssert.Contains(form.Fields["CheckMacValue"], html);
            }
        }

        [Test]
        public void EveryBrokenRuleIsReportedAtOnceNamingItsField()
        {
            using (var client = OmgClient.Stage())
            {
                var order = Orders.Card();
                order["NoSuchOption"] = "x";
                order["MerchantID"] = "2000132";
                var e = Assert.Throws<ValidationException>(() => client.Checkout(order));
                var broken = e.Errors.Select(f => f.Field + ":" + f.Rule).ToList();
                CollectionAssert.IsSubsetOf(new[] { "NoSuchOption:unknown", "MerchantID:not_allowed" }, broken, string.Join(", ", broken));
                Assert.IsTrue(e.Errors.All(f => !string.IsNullOrEmpty(f.Message)));
            }
        }

        [Test]
        public void TheOrderRulesAreCheckedWhenTheNamesAreRight()
        {
            using (var client = OmgClient.Stage())
            {
                var order = Orders.Card("has space", 0);
                order.TradeDesc = new string('x', 201);
                var e = Assert.Throws<ValidationException>(() => client.Checkout(order));
                var fields = e.Errors.Select(f => f.Field).ToList();
                CollectionAssert.IsSubsetOf(new[] { "MerchantTradeNo", "TotalAmount", "TradeDesc" }, fields, string.Join(", ", fields));
            }
        }

        [Test]
        public void WrongValueTypesAreArgumentExceptionsNamingTheOption()
        {
            var order = Orders.Card();
            var e = Assert.Throws<ArgumentException>(() => order["ExpireDate"] = 2.5);
            StringAssert.Contains("ExpireDate", e.Message);
            Assert.Throws<ArgumentException>(() => order["IgnorePayment"] = new object[] { true });
        }

        [Test]
        public void ProductionRefusesTheStageMerchantAndPlainHttpCallbacks()
        {
            using (var client = new OmgClient(new ClientOptions { Environment = "production", MerchantId = Repo.StageId, HashKey = Repo.StageKey, HashIv = Repo.StageIv }))
            {
                var order = Orders.Card();
                order.ReturnUrl = "http://shop.example/omg/return";
                var e = Assert.Throws<ValidationException>(() => client.Checkout(order));
                var rules = e.Errors.Select(f => f.Rule).ToList();
                CollectionAssert.IsSubsetOf(new[] { "stage_credentials", "https" }, rules, string.Join(", ", rules));
            }
        }
    }
}
