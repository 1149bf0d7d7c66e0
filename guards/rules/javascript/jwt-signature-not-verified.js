const jwt = require("jsonwebtoken");
const { decodeJwt, jwtVerify } = require("jose");
const zlib = require("zlib");

function authenticate(req, res, next) {
  const token = req.headers.authorization.replace("Bearer ", "");
  // ruleid: jwt-signature-not-verified
  req.user = jwt.decode(token);
  // ruleid: jwt-signature-not-verified
  res.locals.user = decodeJwt(token);
  // ruleid: jwt-signature-not-verified
  const claims = jwt.verify(token, process.env.JWT_KEY, { algorithms: ["HS256", "none"] });
  // ruleid: jwt-signature-not-verified
  const unsigned = jwt.sign({ sub: claims.sub }, "", { algorithm: "none" });
  // ruleid: jwt-signature-not-verified
  const options = { algorithms: ["NONE"] };
  next(unsigned, options);
}

async function safe(req, res, next, key) {
  const token = req.headers.authorization.replace("Bearer ", "");
  // ok: jwt-signature-not-verified
  req.user = jwt.verify(token, process.env.JWT_KEY, { algorithms: ["HS256"] });
  // ok: jwt-signature-not-verified
  const { payload } = await jwtVerify(token, key, { algorithms: ["RS256"] });
  // ok: jwt-signature-not-verified
  const preview = jwt.decode(token, { complete: true });
  // ok: jwt-signature-not-verified
  const signed = jwt.sign({ sub: payload.sub }, process.env.JWT_KEY, { algorithm: "HS256" });
  // ok: jwt-signature-not-verified
  const gz = zlib.createGzip({ algorithm: "none" });
  // ok: jwt-signature-not-verified
  req.session.user = payload;
  return [preview, signed, gz];
}

function custom(req, decode) {
  // ok: jwt-signature-not-verified
  req.user = decode(req.headers.authorization);
}

module.exports = { authenticate, safe, custom };
