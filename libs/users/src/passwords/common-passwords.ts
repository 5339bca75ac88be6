/**
 * Frequently breached passwords of ten or more characters (shorter ones fail the length rule).
 * Compared case-insensitively, so variants in capitals are refused too.
 */
export const COMMON_PASSWORDS: ReadonlySet<string> = new Set(
  `
1234567890 0123456789 12345678910 123456789a 123456789q 1234567890a 1234567891 0987654321 1111111111
0000000000 1234512345 1122334455 1212121212 1231231231 1234554321 9876543210 1q2w3e4r5t 1q2w3e4r5t6y
q1w2e3r4t5 qwertyuiop qwerty1234 qwerty12345 qwerty123456 1qaz2wsx3edc qazwsxedcrfv asdfghjkl1 asdfghjkl;
zxcvbnm123 qwertyuiop1 password12 password123 password1234 password12345 password! password1! passw0rd123
p@ssw0rd123 p@ssword123 passwordpassword iloveyou12 iloveyou123 iloveyou1234 iloveyouforever letmein123
letmein1234 welcome123 welcome1234 welcome2024 welcome2025 welcome2026 changeme123 changeme1234 administrator
admin12345 admin123456 administrator1 superman123 batman12345 football123 baseball123 basketball
basketball1 princess123 sunshine123 monkey12345 dragon12345 michael123 jennifer123 charlie123 starwars123
trustno1234 computer123 whatever123 internet123 abcdefghij abcdefghijk abc1234567 abcd123456 a123456789
aa12345678 abc123456789 1234567890q qwerty123! qwertyqwerty asdasdasdasd zaq12wsxcde 1qazxsw23edc
summer2024 summer2025 summer2026 winter2024 winter2025 winter2026 spring2025 autumn2025 december2025
november2026 september2025 leadpath123 leadpath2026 company123 company2026 secret1234 mypassword
mypassword1 mypassword123 newpassword newpassword1 password2024 password2025 password2026 onetwothree
testtest123 test123456 testing123 test1234567 useruser123 loveyou1234 hello12345 hello123456 helloworld
helloworld1 goodluck123 freedom1234 shadow12345 master12345 killer12345 pokemon1234 liverpool1 chelsea123
arsenal123 manchester1 barcelona1 realmadrid1 jordan2323 michelle123 nicole1234 jessica123 daniel1234
`
    .split(/\s+/)
    .filter(Boolean),
);
