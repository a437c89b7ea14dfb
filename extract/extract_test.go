package extract

// sharedData is the shared data directory; tests that need it skip when
// it is absent.
const sharedData = "../../shared/data"
