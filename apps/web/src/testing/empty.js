// Stylesheets imported by components are nothing to the component tests.
module.exports = {};
