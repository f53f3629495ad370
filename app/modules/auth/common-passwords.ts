// Passwords attackers try first (global lists and common Chinese choices); refused whatever their length.
export const commonPasswords = new Set(
  `123456 123456789 12345678 password qwerty123 qwerty 1q2w3e4r 111111 1234567890 1234567 12345 000000 iloveyou
  123123 abc123 qwertyuiop 654321 123321 666666 888888 88888888 66666666 11111111 1qaz2wsx 1qaz2wsx3edc 121212
  7777777 555555 112233 11223344 159753 147258369 987654321 zxcvbnm asdfghjkl qazwsx 123qwe qwe123 zxc123 asd123
  asdasd asdf1234 abcd1234 abc123456 a123456 a12345678 aa123456 a1234567 123456a 123456abc qq123456 password1
  password123 passw0rd p@ssw0rd p@ssword admin admin123 admin1234 administrator root root123 welcome welcome1
  welcome123 letmein monkey dragon master shadow sunshine princess football baseball superman batman trustno1
  woaini woaini1314 woaini520 5201314 1314520 520520 521521 147258 258369 369258 135792468 1234qwer qwer1234
  q1w2e3r4 1q2w3e4r5t zaq12wsx changeme changeme123 test1234 test123 demo1234 demo12345 guest guest123
  user123 login123 china123 china1234 beijing tibet123 lasa123 lhasa123 xizang123 linzhi123 ali123456
  minzheng minzheng123 shegong shegong123 88888888a 12344321 11112222 12341234 1234abcd aaaaaaaa 00000000
  abcdefgh abcdef123 iloveyou1 password12 12qwaszx 1qazxsw2 qweasdzxc 123456789a 987654321a`
    .split(/\s+/)
    .filter(Boolean),
);
