using System;
using System.Collections.Generic;
using NUnit.Framework;

namespace Omg.Payment.Tests
{
    /// <summary>Bad input is a clear exception naming the argument, never a crash.</summary>
    [TestFixture]
    public class BadInputTests
    {
        [Test]
        public void NullsAreArgumentNullExceptions()
        {
            using (var client = OmgClient.Stage())
            {
                Assert.Throws<ArgumentNullException>(() => new OmgClient(null));
                Assert.Throws<ArgumentNullException>(() => client.Checkout(null));
                Assert.Throws<ArgumentNullException>(() => client.VerifyNotification((byte[])null));
                Assert.Throws<ArgumentNullException>(() => client.VerifyNotification((string)null));
                Assert.Throws<ArgumentNullException>(() => client.VerifyNotification((IDictionary<string, string>)null));
                Assert.Throws<ArgumentNullException>(() => client.QueryTrade(null));
                Assert.Throws<ArgumentNullException>(() => OmgPayment.CheckMacValue(null, "k", "i"));
                Assert.Throws<ArgumentNullException>(() => OmgPayment.CheckMacValue(new Dictionary<string, string>(), null, "i"));
            }
        }

        [Test]
        public void ALoneSurrogateIsAnArgumentException()
        {
            var fields = new Dictionary<string, string> { { "A", "\ud800" } };
            var e = Assert.Throws<ArgumentException>(() => OmgPayment.CheckMacValue(fields, "k", "i"));
            Assert.AreEqual("fields", e.ParamName);
        }

        [Test]
        public void NulInsideAFieldIsAnArgumentException()
        {
            Assert.Throws<ArgumentException>(() => OmgPayment.CheckMacValue(new Dictionary<string, string> { { "A", "x\0y" } }, "k", "i"));
        }

        [Test]
        public void AHugeOrderIsRefusedNotACrash()
        {
            using (var client = OmgClient.Stage())
            {
                var order = Orders.Card();
                order.TradeDesc = new string('x', 20 * 1024 * 1024);
                Assert.Throws<DecodeException>(() => client.Checkout(order));
                order.TradeDesc = new string('x', 1024 * 1024);
                var e = Assert.Throws<ValidationException>(() => client.Checkout(order));
                Assert.AreEqual("TradeDesc", e.Errors[0].Field);
            }
        }

        [Test]
        public void AnUnknownTestNotificationKindIsAValidationException()
        {
            using (var client = OmgClient.Stage())
                Assert.Throws<ValidationException>(() => client.SignTestNotification("no_such_kind"));
        }

        [Test]
        public void BarcodesAndTradeNumbers()
        {
            string no = OmgPayment.GenerateMerchantTradeNo("S");
            Assert.AreEqual(20, no.Length);
            StringAssert.StartsWith("S", no);
            Assert.AreNotEqual(no, OmgPayment.GenerateMerchantTradeNo("S"));
            StringAssert.StartsWith("<svg", OmgPayment.BarcodeSvg("1012187FA"));
            StringAssert.StartsWith("<svg", OmgPayment.BarcodeSvg("1012187FA", "9999", "ABC"));
            Assert.Throws<ValidationException>(() => OmgPayment.BarcodeSvg("lower case is not code 39 é"));
            Assert.Throws<ValidationException>(() => OmgPayment.GenerateMerchantTradeNo("much too long a prefix"));
        }
    }
}
