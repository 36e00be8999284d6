using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using BlazorCookieAuth.Tests.TestHost;

namespace BlazorCookieAuth.Tests.Endpoints;

public class MalformedRequestTests
{
    [Theory]
    [InlineData("/auth/login")]
    [InlineData("/auth/logout")]
    public async Task A_body_that_cannot_be_parsed_is_a_bad_request_not_a_server_error(string path)
    {
        await using var app = await TestApp.StartAsync();
        using var browser = app.CreateBrowser();
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes("garbage without any boundary"));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=xyz");

        var response = await browser.Client.PostAsync(path, content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    [Theory]
    [InlineData("/auth/login", "application/json", "{\"username\": \"")]
    [InlineData("/auth/login", "application/x-www-form-urlencoded", "username=")]
    [InlineData("/auth/logout", "application/x-www-form-urlencoded", "returnUrl=/")]
    public async Task A_20_MB_body_without_a_length_is_cut_off_at_16_KB_and_refused(string path, string contentType, string start)
    {
        await using var app = await TestApp.StartAsync();
        using var browser = app.CreateBrowser();
        var body = new EndlessBody(Encoding.UTF8.GetBytes(start), length: 20 * 1024 * 1024);
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StreamContent(body) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        request.Headers.TransferEncodingChunked = true;
        request.Headers.Add("RequestVerificationToken", await browser.AntiforgeryTokenAsync());

        var response = await browser.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie"));
        Assert.InRange(body.Served, 16 * 1024, 1024 * 1024);
        Assert.Contains("larger than 16 KB", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/auth/login", false)]
    [InlineData("/auth/login", true)]
    [InlineData("/auth/logout", false)]
    public async Task A_body_over_16_KB_gets_400_that_says_it_is_too_large(string path, bool chunked)
    {
        await using var app = await TestApp.StartAsync();
        using var browser = app.CreateBrowser();
        var form = new Dictionary<string, string>
        {
            ["username"] = TestApp.Username,
            ["password"] = new string('p', 17 * 1024),
            ["__RequestVerificationToken"] = await browser.AntiforgeryTokenAsync(),
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(form) };
        request.Headers.TransferEncodingChunked = chunked;

        var response = await browser.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("larger than 16 KB", body, StringComparison.Ordinal);
        Assert.DoesNotContain("expired", body, StringComparison.Ordinal);
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task A_json_body_over_16_KB_gets_problem_details_with_error_body_too_large()
    {
        await using var app = await TestApp.StartAsync();
        using var browser = app.CreateBrowser();

        var response = await browser.PostJsonAsync("/auth/login", new { username = TestApp.Username, password = new string('p', 17 * 1024) });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("body_too_large", json.RootElement.GetProperty("error").GetString());
        Assert.Contains("larger than 16 KB", json.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_form_post_says_what_to_do_in_plain_words()
    {
        await using var app = await TestApp.StartAsync();
        using var browser = app.CreateBrowser();

        var response = await browser.PostFormAsync("/auth/login", LoginEndpointTests.Form(), withAntiforgery: false);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("reload the page", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/café", "/caf%C3%A9")]
    [InlineData("/a b?q=x y", "/a%20b?q=x%20y")]
    [InlineData("/orders/%C3%A9", "/orders/%C3%A9")]
    [InlineData("/🍪", "/%F0%9F%8D%AA")]
    public async Task A_local_return_url_with_characters_a_header_cannot_carry_is_percent_encoded(string returnUrl, string location)
    {
        await using var app = await TestApp.StartAsync();
        using var browser = app.CreateBrowser();

        var login = await browser.PostFormAsync("/auth/login", LoginEndpointTests.Form(returnUrl: returnUrl));
        var logout = await browser.PostFormAsync("/auth/logout", new Dictionary<string, string> { ["returnUrl"] = returnUrl });

        Assert.Equal(HttpStatusCode.SeeOther, login.StatusCode);
        Assert.Equal(location, login.Headers.Location?.OriginalString);
        Assert.Equal(location, logout.Headers.Location?.OriginalString);
    }

    [Theory]
    [InlineData("GET", "/auth/login")]
    [InlineData("GET", "/auth/logout")]
    [InlineData("HEAD", "/auth/login")]
    [InlineData("HEAD", "/auth/logout")]
    public async Task Get_and_head_are_answered_with_405_the_allowed_method_and_no_store(string method, string path)
    {
        await using var app = await TestApp.StartAsync();
        using var browser = app.CreateBrowser();

        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        var response = await browser.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal("POST", Assert.Single(response.Content.Headers.Allow));
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
    }

    /// <summary>A body of <paramref name="start"/> then 'a' up to <paramref name="length"/> bytes, counting what was read.</summary>
    private sealed class EndlessBody(byte[] start, long length) : Stream
    {
        private long _position;

        public long Served => Interlocked.Read(ref _position);

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => Served; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, length - _position);
            for (var i = 0; i < n; i++)
            {
                var at = _position + i;
                buffer[offset + i] = at < start.Length ? start[at] : (byte)'a';
            }

            Interlocked.Add(ref _position, n);
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
