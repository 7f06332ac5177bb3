using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;

namespace EpicZoom.Infrastructure.Security.KeyRing;

/// <summary>
/// The keys folder ({DataPath}/keys) as Data Protection's file repository writes it: one XML file per key or
/// revocation, named by its friendly name. EpicZoom before 2026-12 wrote keys there with no encryptor, so each key's
/// master key sits in plain XML, marked as requiring encryption.
/// </summary>
internal static class KeyFolder
{
    private static readonly XNamespace DataProtection = "http://schemas.asp.net/2015/03/dataProtection";
    private static readonly XName RequiresEncryption = DataProtection + "requiresEncryption";
    private static readonly XName EncryptedSecret = DataProtection + "encryptedSecret";

    public static IEnumerable<(string FriendlyName, XElement Element)> Read(DirectoryInfo folder)
    {
        if (!folder.Exists) yield break;
        foreach (var file in folder.EnumerateFiles("*.xml").OrderBy(f => f.Name, StringComparer.Ordinal))
            yield return (Path.GetFileNameWithoutExtension(file.Name), XElement.Load(file.FullName));
    }

    public static bool HoldsPlainSecrets(XElement element) =>
        element.DescendantsAndSelf().Any(e => (bool?)e.Attribute(RequiresEncryption) == true);

    /// <summary>
    /// Rewrites every key file that holds a plain secret with that secret encrypted, in the form Data Protection
    /// itself writes (an encryptedSecret element naming its decryptor), so the key ring reads it unchanged. Each file
    /// is replaced by a rename: a crash leaves the old file or the new one, never half of either.
    /// </summary>
    /// <returns>How many files were rewritten.</returns>
    public static int EncryptPlainSecrets(DirectoryInfo folder, IXmlEncryptor encryptor)
    {
        var rewritten = 0;
        foreach (var (name, element) in Read(folder).ToList())
        {
            if (!HoldsPlainSecrets(element)) continue;
            var path = Path.Combine(folder.FullName, name + ".xml");
            var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
            Encrypt(element, encryptor).Save(temporary);
            File.Move(temporary, path, overwrite: true);
            rewritten++;
        }
        return rewritten;
    }

    public static XElement Encrypt(XElement element, IXmlEncryptor encryptor)
    {
        var copy = new XElement(element);
        while (copy.DescendantsAndSelf().FirstOrDefault(e => (bool?)e.Attribute(RequiresEncryption) == true) is { } secret)
        {
            // Encrypted as a detached copy in its own document, as Data Protection does, so the encryptor sees nothing else.
            var detached = new XElement(secret);
            _ = new XDocument(detached);
            var encrypted = encryptor.Encrypt(detached);
            secret.ReplaceWith(new XElement(EncryptedSecret,
                new XAttribute("decryptorType", encrypted.DecryptorType.AssemblyQualifiedName!),
                encrypted.EncryptedElement));
        }
        return copy;
    }
}
