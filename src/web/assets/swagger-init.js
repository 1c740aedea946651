// Starts Swagger UI on the API's OpenAPI document (served as a file: no inline script).
window.addEventListener('load', function () {
  window.ui = SwaggerUIBundle({ url: '/api/v1/openapi.json', dom_id: '#swagger-ui', deepLinking: true });
});
