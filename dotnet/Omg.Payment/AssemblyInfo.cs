using System.Reflection;
using System.Runtime.CompilerServices;

[assembly: AssemblyTitle("Omg.Payment")]
[assembly: AssemblyDescription("OMG (funpoint) payments for .NET over the omg-payment Rust core")]
[assembly: AssemblyVersion("0.1.0.0")]
[assembly: InternalsVisibleTo("Omg.Payment.Tests")]
