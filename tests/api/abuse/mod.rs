//! Making the portal work for an attacker: minting many live tokens into the operator's 23
//! account (with one cookie in parallel, with fresh cookies, from many addresses), flooding the
//! routes that call 23, and guessing the operator's password. Each test counts what got through.

mod edits;
mod floods;
mod logins;
mod minting;
