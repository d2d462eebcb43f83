namespace Omg.Payment
{
    public sealed partial class CheckoutForm
    {
        /// <summary>A complete HTML page that posts <see cref="Fields"/> to <see cref="ActionUrl"/>
        /// as soon as it loads (every value HTML-escaped): answer the payer's request with it.</summary>
        public string ToHtml() => Html;
    }
}
