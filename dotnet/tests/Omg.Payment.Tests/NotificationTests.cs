using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using NUnit.Framework;

namespace Omg.Payment.Tests
{
    [TestFixture]
    public class NotificationTests
    {
        private OmgClient client;

        [SetUp]
        public void CreateClient() => client = OmgClient.Stage();

        [TearDown]
        public void DisposeClient() => client.Dispose();

        private static Dictionary<string, string> Fields(params string[] pairs)
        {
            var d = new Dictionary<string, string>();
            for (int i = 0; i < pairs.Length; i += 2) d[pairs[i]] = pairs[i + 1];
            return d;
        }

        [Test]
        public void APaymentResultIsTypedAndPaid()
        {
            string body = client.SignTestNotification("payment_result", Fields("MerchantTradeNo", "A123", "TradeAmt", "1200", "CustomField2", "gift"));
            var n = client.VerifyNotification(body);
            Assert.IsInstanceOf<PaymentResult>(n);
            var paid = (PaymentResult)n;
            Assert.AreEqual("payment_result", paid.Kind);
            Assert.IsTrue(paid.IsPaid);
            Assert.IsFalse(paid.IsSimulated);
            Assert.AreEqual(1200, paid.TradeAmt);
            Assert.AreEqual("A123", paid.MerchantTradeNo);
            Assert.AreEqual("1000031", paid.MerchantId);
            Assert.AreEqual(1, paid.RtnCode);
            // The gateway sends all four CustomFields, empty when unused.
            Assert.AreEqual(new[] { "", "gift", "", "" }, paid.CustomFields.ToArray());
            Assert.AreEqual("TradeAmt", paid.AmountField);
            Assert.AreEqual("A123", paid.Get("MerchantTradeNo"));
            Assert.AreEqual("CheckMacValue", paid.Raw.Last().Key);
            Assert.IsFalse(string.IsNullOrEmpty(paid.DedupeKey));
            paid.ExpectAmount(1200);
            var e = Assert.Throws<ValidationException>(() => paid.ExpectAmount(1201));
            Assert.AreEqual("amount_mismatch", e.Errors.Single().Rule);
        }

        [Test]
        public void CodeIssuedNotificationsCarryTheirCodes()
        {
            var atm = (PaymentCodeIssued)client.VerifyNotification(client.SignTestNotification("atm_code_issued", Fields("BankCode", "812", "vAccount", "9103522175887271", "ExpireDate", "2026/12/04")));
            Assert.AreEqual("payment_code_issued", atm.Kind);
            Assert.IsFalse(atm.IsPaid);
            Assert.AreEqual(2, atm.RtnCode);
            Assert.AreEqual("812", atm.BankCode);
            Assert.AreEqual("9103522175887271", atm.VAccount);
            Assert.AreEqual("2026/12/04", atm.ExpireDate);
            Assert.IsNull(atm.Barcodes);
            var cvs = (PaymentCodeIssued)client.VerifyNotification(client.SignTestNotification("cvs_code_issued", Fields("PaymentNo", "LLL22251222")));
            Assert.AreEqual("LLL22251222", cvs.PaymentNo);
            var barcode = (PaymentCodeIssued)client.VerifyNotification(client.SignTestNotification("barcode_code_issued", Fields("Barcode1", "261204AB1", "Barcode2", "1234567890123456", "Barcode3", "120410000000800")));
            Assert.AreEqual(new[] { "261204AB1", "1234567890123456", "120410000000800" }, barcode.Barcodes.ToArray());
            Assert.AreEqual("1234567890123456", barcode.Barcode2);
        }

        [Test]
        public void APeriodChargeIsTyped()
        {
            var charge = client.VerifyNotification(client.SignTestNotification("period_charge", Fields("Amount", "499")));
            Assert.IsInstanceOf<PeriodCharge>(charge);
            Assert.AreEqual(499, ((PeriodCharge)charge).Amount);
            Assert.AreEqual("Amount", charge.AmountField);
            charge.ExpectAmount(499);
        }

        [Test]
        public void BytesTextAndParsedFieldsVerifyAlike()
        {
            string body = client.SignTestNotification("payment_result", Fields("ItemName", "Tom's 手機殼 ~x"));
            var fromText = client.VerifyNotification(body);
            var fromBytes = client.VerifyNotification(Encoding.UTF8.GetBytes(body));
            var parsed = body.Split('&').Select(p => p.Split('=')).ToDictionary(kv => Uri.UnescapeDataString(kv[0].Replace('+', ' ')), kv => Uri.UnescapeDataString(kv[1].Replace('+', ' ')));
            var fromFields = client.VerifyNotification(parsed);
            Assert.AreEqual(fromText.DedupeKey, fromBytes.DedupeKey);
            Assert.AreEqual(fromText.DedupeKey, fromFields.DedupeKey);
            Assert.AreEqual("Tom's 手機殼 ~x", fromFields.Get("ItemName"));
        }

        [Test]
        public void ReSentCopiesShareTheirDedupeKeyAndOtherEventsDoNot()
        {
            string body = client.SignTestNotification("payment_result", Fields("MerchantTradeNo", "A1", "TradeNo", "T1"));
            string other = client.SignTestNotification("payment_result", Fields("MerchantTradeNo", "A2", "TradeNo", "T2"));
            Assert.AreEqual(client.VerifyNotification(body).DedupeKey, client.VerifyNotification(body).DedupeKey);
            Assert.AreNotEqual(client.VerifyNotification(body).DedupeKey, client.VerifyNotification(other).DedupeKey);
        }

        [Test]
        public void AnAlteredOrForgedNotificationIsASignatureException()
        {
            string body = client.SignTestNotification("payment_result", Fields("TradeAmt", "1200"));
            Assert.Throws<SignatureException>(() => client.VerifyNotification(body.Replace("TradeAmt=1200", "TradeAmt=1")));
            Assert.Throws<SignatureException>(() => client.VerifyNotification("MerchantID=1000031&RtnCode=1&TradeAmt=1"));
            using (var other = new OmgClient(new ClientOptions { MerchantId = "1000031", HashKey = "otherkey00000000", HashIv = "otheriv000000000" }))
                Assert.Throws<SignatureException>(() => client.VerifyNotification(other.SignTestNotification("payment_result")));
        }

        [Test]
        public void AnotherMerchantsNotificationIsAValidationException()
        {
            using (var other = new OmgClient(new ClientOptions { MerchantId = "2000132", HashKey = Repo.StageKey, HashIv = Repo.StageIv }))
            {
                var e = Assert.Throws<ValidationException>(() => client.VerifyNotification(other.SignTestNotification("payment_result")));
                Assert.AreEqual("merchant_mismatch", e.Errors.Single().Rule);
            }
        }

        [Test]
        public void UnreadableBodiesAreDecodeExceptions()
        {
            Assert.Throws<DecodeException>(() => client.VerifyNotification(new byte[0]));
            Assert.Throws<DecodeException>(() => client.VerifyNotification(new byte[] { (byte)'A', (byte)'=', 0xff, 0xfe }));
            Assert.Throws<DecodeException>(() => client.VerifyNotification(new byte[OmgPayment.MaxNotificationBytes + 1]));
            Assert.Throws<DecodeException>(() => client.VerifyNotification(new byte[32 * 1024 * 1024]));
        }

        [Test]
        public void TheRepliesAreExactly()
        {
            Assert.AreEqual("1|OK", OmgPayment.Ack);
            Assert.AreEqual("0|bad amount one line", OmgPayment.Nack("bad amount\none line"));
        }
    }
}
