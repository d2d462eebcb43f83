using System;
using System.Collections.Generic;
using System.Globalization;
using Omg.Payment.Json;

namespace Omg.Payment
{
    public abstract partial class Notification
    {
        /// <summary>Any received field by its wire name (e.g. <c>"SimulatePaid"</c>), or null.</summary>
        public string Get(string name) => Raw.Get(name);

        /// <summary>
        /// Throws <see cref="ValidationException"/> (rule <c>amount_mismatch</c>) unless the notified
        /// amount (the field <see cref="AmountField"/>) is <paramref name="expected"/>: a paid
        /// notification for the wrong amount must not ship the order.
        /// </summary>
        public void ExpectAmount(long expected)
        {
            string text = Raw.Get(AmountField);
            if (text != null && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out long got) && got == expected) return;
            string message = AmountField + " is " + (text ?? "missing") + ", expected " + expected.ToString(CultureInfo.InvariantCulture);
            throw new ValidationException("invalid input: " + message, new List<FieldError> { new FieldError(new JsonObject { { "field", AmountField }, { "rule", "amount_mismatch" }, { "message", message } }) });
        }
    }
}
