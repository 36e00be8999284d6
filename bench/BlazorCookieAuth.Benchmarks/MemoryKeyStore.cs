using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace BlazorCookieAuth.Benchmarks;

/// <summary>
/// A Data Protection key ring store in memory: each server starts with a key ring of its own and leaves nothing on
/// disk, yet reads and writes it through the key manager a production server uses.
/// </summary>
internal sealed class MemoryKeyStore : IXmlRepository
{
    private readonly List<XElement> _elements = [];

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        lock (_elements)
        {
            return [.. _elements.Select(e => new XElement(e))];
        }
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        lock (_elements)
        {
            _elements.Add(new XElement(element));
        }
    }
}
