using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.StackExchangeRedis;
using Microsoft.Extensions.Options;

namespace BlazorCookieAuth.Redis;

/// <summary>Keeps the Data Protection key ring in Redis, on the kit's connection, so every server reads every cookie.</summary>
internal sealed class ConfigureRedisKeyRing(RedisConnection connection, BlazorCookieAuthRedisOptions options)
    : IConfigureOptions<KeyManagementOptions>
{
    public void Configure(KeyManagementOptions keyManagement)
    {
        ArgumentNullException.ThrowIfNull(keyManagement);
        keyManagement.XmlRepository = new RedisXmlRepository(() => connection.Multiplexer.GetDatabase(), options.KeyPrefix + "data-protection-keys");
    }
}
