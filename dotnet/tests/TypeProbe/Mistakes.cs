// The type probe (Omg.Payment.Tests/TypeProbeTests.cs): deliberate mistakes a merchant makes, the
// same as node/test/types/mistakes.ts and python/tests/typecheck/mistakes.py. mcs must report an
// error on every line marked MISTAKE and on no other line; the lines marked UNCAUGHT compile
// (C#'s types cannot express them: docs/dotnet.md, "Types"). Never run.
using System.Threading.Tasks;
using Omg.Payment;
using Omg.Payment.Hosting;

static class Mistakes
{
    static readonly OmgClient Client = OmgClient.FromEnvironment();

    static void Orders()
    {
        Client.Checkout(new Order("A1", "1200", "Shop", "T-shirt", "https://shop.example/omg/return", "Credit")); // MISTAKE: an amount as text
        Client.Checkout(new Order("A2", 1200, "Shop", "T-shirt", "https://shop.example/omg/return", "Card")); // UNCAUGHT: a payment method the gateway does not have
        Client.Checkout(new Order { MerchantTradeNo = "A3", TotalAmount = 1200, RetunUrl = "https://shop.example/omg/return" }); // MISTAKE: a misspelled option
        Client.Checkout(new Order("A4", 1200, "Shop", "T-shirt", "Credit")); // MISTAKE: the required returnUrl left out
        var order = new Order("A5", 1200, "Shop", "T-shirt", "https://shop.example/omg/return", "Credit");
        order["RetunURL"] = "https://shop.example/omg/return"; // UNCAUGHT: a misspelled option given by its wire name
    }

    static long? AmountOfAnyKind(Notification n)
    {
        return n.TradeAmt; // MISTAKE: a field of one kind read before the kind is known
    }

    static bool ForgotAwait(string no)
    {
        return Client.QueryTradeAsync(no).IsPaid; // MISTAKE: a Task used as its result (await forgotten)
    }

    static void Amounts(string no, string tradeNo)
    {
        Client.Refund(no, tradeNo, 12.5); // MISTAKE: an amount that is not a whole number
    }

    static void Routes()
    {
        NotificationHandler.Expecting<PaymentResult>(Client, (PeriodCharge charge) => { }); // MISTAKE: a handler written for another kind than it expects
        NotificationHandler.Expecting<PaymentResult>(Client, paid => paid.IsPaid ? OmgPayment.Ack : "OK"); // UNCAUGHT: a reply other than Ack (answered 500)
        new NotificationHandler(Client, n => { }) { Expect = new[] { typeof(string) } }; // UNCAUGHT: Expect given a type that is no notification (ArgumentException)
    }

    static void Bodies()
    {
        Client.VerifyNotification(42); // MISTAKE: a body that is not bytes, text or fields
    }

    static async Task<bool> RightOnes(PaymentResult paid)
    {
        paid.ExpectAmount(1200);
        Client.Refund("A1", "T1", 1200);
        var info = await Client.QueryTradeAsync(paid.MerchantTradeNo);
        return info.IsPaid;
    }
}
