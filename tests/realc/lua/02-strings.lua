-- The string library: format, patterns, pack, utf8.
print(string.format("%5d|%-5d|%05.1f|%x|%X|%o|%e|%g|%q|%s|%%|%c", 42, 42, 3.14159, 255, 255, 8, 12345.678, 0.0001, 'a "q"\n', nil, 65))
print(string.format("%a %.3a %10.4s| %i", 1.0, 0.1, "abcdefgh", -7))
print(string.format("%q", 1/3), string.format("%q", math.mininteger), string.format("%.14g", 2^0.5))
print(("hello world"):find("o w"), ("hello"):find("l+"), ("hello"):match("(h)(.)"), ("x=1, y=22"):match("y=(%d+)"))
print(("hello world from lua"):gsub("(%w+)", "<%1>"))
print(("abc"):gsub("", "-"), ("hello"):gsub("l", {l = "L"}), ("abc"):gsub("%w", function(c) return c:byte() end))
print(("  trim  "):match("^%s*(.-)%s*$") .. "|", ("key = value"):match("^(%w+)%s*=%s*(%w+)$"))
print(("THE (quick) fox"):find("%((%a+)%)"), ("f(a(b)c)d"):match("%b()"), ("THE END"):lower(), ("x"):rep(5, ","))
print(("%d"):rep(3), ("abc"):reverse(), ("abc"):upper(), ("abc"):len(), ("abcdef"):sub(2, -2), ("abcdef"):sub(-3))
print(string.byte("ABC", 1, -1), string.char(72, 101, 108, 108, 111))
print(("date: 2024-01-15"):match("(%d+)-(%d+)-(%d+)"), ("a,b,,c"):gsub(",", ";", 2))
for k, v in string.gmatch("a=1, b=2, c=3", "(%w+)=(%w+)") do io.write(k, v, ";") end
print()
print(("[[x]]"):find("[[", 1, true), ("a.b"):find(".", 1, true), ("%frontier THE end"):gsub("%f[%a]%a+", "W"))
local packed = string.pack("<i4 >i2 z s1 d", 1000000, -2, "zs", "s1", 2.5)
print(#packed, string.unpack("<i4 >i2 z s1 d", packed))
print(string.packsize("i4 i8 d"), string.unpack("B", "\255"), string.pack(">I3", 0x010203):byte(1, -1))
print(utf8.char(72, 228, 8364, 128512), utf8.len("häé€"), utf8.codepoint("€", 1, -1))
for p, cp in utf8.codes("aé€") do io.write(p, ":", cp, " ") end
print(utf8.offset("aé€x", 3), utf8.charpattern)
print(tostring(12):len(), tostring(1e15), tostring(1e16), tostring(-0.0), 2^63, math.tointeger(2^53))
print(string.format("%.20f", 0.1), string.format("%5.3s|", "abcdef"), #string.format("%099d", 7))
local parts = {}
for i = 1, 200 do parts[#parts + 1] = string.format("%03d", i * 37 % 1000) end
local big = table.concat(parts, " ")
print(#big, big:sub(1, 40), select(2, big:gsub("%d%d%d", "")))
print(pcall(string.rep), pcall(string.format, "%d", 1.5), pcall(string.format, "%z", 1))
print(("x"):rep(0), ("ab"):rep(3, ""), #("ab"):rep(10000))
