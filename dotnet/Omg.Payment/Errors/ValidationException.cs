using System.Collections.Generic;

namespace Omg.Payment
{
    /// <summary>Input breaks a rule of the protocol: every broken rule at once, each naming its
    /// field (the wire name, or the setting / argument name) and a stable rule name.</summary>
    public sealed class ValidationException : OmgException
    {
        /// <summary>Every broken rule (at least one).</summary>
        public IReadOnlyList<FieldError> Errors { get; }

        /// <summary>A validation error with its broken rules.</summary>
        public ValidationException(string message, IReadOnlyList<FieldError> errors) : base("validation", message)
        {
            Errors = errors;
        }
    }
}
