console.log('tenantform: not yet');
